// Everything a JavaScript-mode scenario needs, in one include:
//   using namespace loopscope::js;  then promise<T>, Promise::all, setTimeout, console.log, ...
#pragma once

#include "loopscope/js/combinators.hpp"
#include "loopscope/js/console.hpp"
#include "loopscope/js/inspect.hpp"
#include "loopscope/js/node_loop.hpp"
#include "loopscope/js/promise.hpp"
#include "loopscope/js/run.hpp"
#include "loopscope/js/timers.hpp"
#include "loopscope/js/value.hpp"
