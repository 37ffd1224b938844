// The engine against CPython asyncio on the same workloads, measured in one run.
//
// For each workload: CPython's time (bench/workloads.py, on the same virtual-clock loop the
// differential tests use), then the engine traced and untraced, the ratios, and the trace's size.
// Usage: loopscope_bench [--quick] [--no-python] [--repeat N] [--only traced|untraced] [workload...]
// Each measurement is the best of N runs (default 3), on both sides.
// --only runs one of the two engine modes (for counting each with callgrind).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "loopscope/gather.hpp"
#include "loopscope/loopscope.hpp"

using namespace loopscope;

namespace {

// ---- the workloads (the same shapes as bench/workloads.py) -------------------------------------

coro<> switch_worker(int switches) {
    for (int i = 0; i < switches; ++i) co_await asyncio::sleep(0);
}
coro<> switch_main(int tasks, int switches) {
    std::vector<coro<>> workers;
    for (int i = 0; i < tasks; ++i) workers.push_back(switch_worker(switches));
    co_await asyncio::gather(std::move(workers));
}

coro<int> leaf() { co_return 1; }
coro<> spawn_main(int n) {
    std::vector<coro<int>> leaves;
    for (int i = 0; i < n; ++i) leaves.push_back(leaf());
    co_await asyncio::gather(std::move(leaves));
}

coro<> sleeper(double d) { co_await asyncio::sleep(d); }
coro<> timers_main(int n) {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> delay(0.0, 1.0);
    std::vector<coro<>> sleepers;
    for (int i = 0; i < n; ++i) sleepers.push_back(sleeper(delay(rng)));
    co_await asyncio::gather(std::move(sleepers));
}

coro<int> node(int depth, int width) {
    if (depth == 0) {
        co_await asyncio::sleep(0);
        co_return 1;
    }
    std::vector<coro<int>> children;
    for (int i = 0; i < width; ++i) children.push_back(node(depth - 1, width));
    auto values = co_await asyncio::gather(std::move(children));
    int sum = 0;
    for (int v : values) sum += v;
    co_return sum;
}
coro<> gather_tree_main(int depth, int width) { co_await node(depth, width); }

struct workload {
    std::string name;
    std::string what;
    std::function<run_result(loop_options)> run;
    double switches;  // task steps in the workload, for per-switch costs
};

std::vector<workload> workloads(bool quick) {
    int scale = quick ? 10 : 1;
    int tasks = 1000, switches = 1000 / scale, spawn = 100'000 / scale, timers = 100'000 / scale, width = quick ? 20 : 50;
    return {
        {"switch", fmt::format("{} tasks x {} sleep(0)", tasks, switches),
         [=](loop_options o) { return run(switch_main(tasks, switches), o); }, double(tasks) * switches},
        {"spawn", fmt::format("create and gather {} tasks", spawn), [=](loop_options o) { return run(spawn_main(spawn), o); },
         double(spawn)},
        {"timers", fmt::format("{} tasks sleep random [0,1)", timers),
         [=](loop_options o) { return run(timers_main(timers), o); }, double(timers)},
        {"gather_tree", fmt::format("gather tree depth 3 x width {}", width),
         [=](loop_options o) { return run(gather_tree_main(3, width), o); }, double(width) * width * width},
    };
}

// CPU time of this thread, not wall time: on a shared machine a descheduled run would otherwise
// count the other processes' time. workloads.py measures CPython the same way (thread_time), and
// on an idle machine the two clocks agree for these single-threaded runs.
double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double seconds_of(const std::function<void()>& f, int repeat) {
    double best = 0;
    for (int i = 0; i < repeat; ++i) {
        double t0 = cpu_seconds();
        f();
        double t = cpu_seconds() - t0;
        best = i == 0 ? t : std::min(best, t);
    }
    return best;
}

// Runs bench/workloads.py once for all workloads; returns the Python build and seconds per workload.
std::pair<std::string, std::map<std::string, double>> python_times(const std::vector<std::string>& names, bool quick,
                                                                   int repeat) {
    std::string cmd = fmt::format("python3 '{}/workloads.py'{} --repeat {} {} 2>&1", LOOPSCOPE_BENCH_DIR,
                                  quick ? " --quick" : "", repeat, fmt::join(names, " "));
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        if (pclose(p) != 0) return {"python3 failed: " + out, {}};
    }
    // A tiny reader for the one flat JSON object workloads.py prints.
    std::map<std::string, double> secs;
    std::string build;
    auto find_str = [&](const std::string& key) {
        auto k = out.find("\"" + key + "\": \"");
        if (k == std::string::npos) return std::string();
        auto s = k + key.size() + 5;
        return out.substr(s, out.find('"', s) - s);
    };
    build = find_str("python");
    for (auto& n : names) {
        auto k = out.find("\"" + n + "\": ");
        if (k != std::string::npos) secs[n] = std::stod(out.substr(k + n.size() + 4));
    }
    return {build, secs};
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false, with_python = true, run_traced = true, run_untraced = true;
    int repeat = 3;
    std::vector<std::string> only;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--quick") quick = true;
        else if (a == "--no-python") with_python = false;
        else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::stoi(argv[++i]));
        else if (a == "--only" && i + 1 < argc) {
            std::string mode = argv[++i];
            run_traced = mode == "traced";
            run_untraced = mode == "untraced";
        }
        else only.push_back(a);
    }
    auto all = workloads(quick);
    std::vector<std::string> names;
    for (auto& w : all)
        if (only.empty() || std::find(only.begin(), only.end(), w.name) != only.end()) names.push_back(w.name);

    std::string build = "not measured (--no-python)";
    std::map<std::string, double> py;
    if (with_python) std::tie(build, py) = python_times(names, quick, repeat);

    fmt::print("loopscope engine vs CPython asyncio, same workloads, same run{}\n", quick ? " (--quick: 1/10 size)" : "");
    fmt::print("Python: {}\n\n", build);
    fmt::print("{:<12} {:<34} {:>9} {:>10} {:>8} {:>10} {:>8} {:>10} {:>7} {:>9}\n", "workload", "what", "CPython s",
               "traced s", "x CPy", "untraced s", "x CPy", "events", "B/event", "ns/step");
    for (auto& w : all) {
        if (std::find(names.begin(), names.end(), w.name) == names.end()) continue;
        loop_options traced, untraced;
        untraced.trace = false;
        std::size_t events = 0, bytes = 0;
        double t_traced = seconds_of([&] {
            if (!run_traced) return;
            auto r = w.run(traced);
            events = r.trace.size();
            bytes = events * sizeof(trace_event) + r.trace.deadlines().size() * sizeof(double) +
                    r.trace.times().size() * sizeof(time_epoch) + r.trace.sites().size() * sizeof(site);
            bytes += r.trace.strings().bytes();
        }, repeat);
        double t_untraced = seconds_of([&] {
            if (run_untraced) (void)w.run(untraced);
        }, repeat);
        double p = py.count(w.name) ? py[w.name] : 0;
        auto ratio = [&](double t) { return p > 0 ? fmt::format("{:.1f}", p / t) : std::string("-"); };
        fmt::print("{:<12} {:<34} {:>9} {:>10.4f} {:>8} {:>10.4f} {:>8} {:>10} {:>7.1f} {:>9.1f}\n", w.name, w.what,
                   p > 0 ? fmt::format("{:.3f}", p) : std::string("-"), t_traced, ratio(t_traced), t_untraced,
                   ratio(t_untraced), events, events ? double(bytes) / double(events) : 0.0,
                   t_untraced * 1e9 / w.switches);
    }
    fmt::print("\nTimes are CPU seconds of the running thread, the best of {} runs, for CPython and the engine alike.\n"
               "x CPy: how many times faster than CPython. B/event: trace memory (events + side tables) per event.\n"
               "ns/step: untraced engine time per task step. Targets: traced >= 30x, untraced >= 100x on switch, <= 24 B/event.\n",
               repeat);
    return 0;
}
