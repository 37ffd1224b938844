// A JavaScript-mode conformance scenario: C++ engine code and its JavaScript twin, whose outputs
// under the engine and under real Node.js must be identical.
//
// Register one with JS_SCENARIO(name, script) in a .cpp under js_scenarios/; its twin is
// js_scenarios/<name>.js, run by node/vclock.js under Node on a virtual clock. `script` is the main
// script: a function taking no arguments (a plain one, or an async one the script calls).
#pragma once

#include "../harness.hpp"

#include <functional>
#include <string>
#include <vector>

#include "loopscope/js/js.hpp"

namespace loopscope::conformance {

struct js_scenario {
    std::string name;  // also the twin's file name: js_scenarios/<name>.js
    std::function<run_result()> run;
};

std::vector<js_scenario>& js_registry();

struct js_registrar {
    js_registrar(std::string name, std::function<run_result()> run) {
        js_registry().push_back({std::move(name), std::move(run)});
    }
};

// The engine's run in vclock.js's format: "<seconds>\t<line>" per logged line, then
// "!raised\t<Name>: <message>" when an uncaught exception or unhandled rejection ended it.
std::string js_transcript(const run_result& r);

}  // namespace loopscope::conformance

#define JS_SCENARIO(name, script)                                                                    \
    static const ::loopscope::conformance::js_registrar loopscope_js_scenario_##name{                \
        #name, [] { return ::loopscope::js::run([] { return script(); }); }}
