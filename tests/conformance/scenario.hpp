// A conformance scenario: C++ engine code and its Python twin, whose outputs must be identical.
//
// Register one with LOOPSCOPE_SCENARIO(name, main) in a .cpp under scenarios/; its twin is
// scenarios/<name>.py, run by vclock.py under real CPython asyncio on a virtual clock.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "harness.hpp"
#include "loopscope/loopscope.hpp"

namespace loopscope::conformance {

struct scenario {
    std::string name;  // also the twin's file name: scenarios/<name>.py
    std::function<run_result()> run;
};

std::vector<scenario>& registry();

struct registrar {
    registrar(std::string name, std::function<run_result()> run) { registry().push_back({std::move(name), std::move(run)}); }
};

}  // namespace loopscope::conformance

#define LOOPSCOPE_SCENARIO(name, main_coroutine)                                              \
    static const ::loopscope::conformance::registrar loopscope_scenario_##name{               \
        #name, [] { return ::loopscope::run(main_coroutine()); }}
