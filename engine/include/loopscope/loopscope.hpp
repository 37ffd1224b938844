// Everything a scenario needs, in one include.
#pragma once

#include "loopscope/async_generator.hpp"
#include "loopscope/async_with.hpp"
#include "loopscope/condition.hpp"
#include "loopscope/errors.hpp"
#include "loopscope/event.hpp"
#include "loopscope/event_loop.hpp"
#include "loopscope/executor.hpp"
#include "loopscope/future.hpp"
#include "loopscope/gather.hpp"
#include "loopscope/guard.hpp"
#include "loopscope/lock.hpp"
#include "loopscope/network.hpp"
#include "loopscope/print.hpp"
#include "loopscope/queue.hpp"
#include "loopscope/repr.hpp"
#include "loopscope/run.hpp"
#include "loopscope/semaphore.hpp"
#include "loopscope/sleep.hpp"
#include "loopscope/task.hpp"
#include "loopscope/timeout.hpp"
#include "loopscope/trace.hpp"
#include "loopscope/wait.hpp"

// Scenarios read like Python: asyncio::sleep(1), asyncio::gather(...), asyncio::create_task(...).
namespace asyncio = loopscope;
