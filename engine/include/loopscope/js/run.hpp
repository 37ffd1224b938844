// js::run(script): a fresh Node-style loop; `script` is the main script (a plain function, or an
// async function whose promise the script drops, as `main();` does at the top of a .js file).
#pragma once

#include <functional>
#include <utility>

#include "loopscope/js/node_loop.hpp"
#include "loopscope/run.hpp"

namespace loopscope::js {

template <class F>
run_result run(F script, loop_options options = {}) {
    node_loop loop(std::move(options));
    loop.run([&script] { (void)script(); });
    return loop.finish();
}

}  // namespace loopscope::js
