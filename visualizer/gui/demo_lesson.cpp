#include "demo_lesson.hpp"

#include <fmt/format.h>

namespace loopscope::gui {

namespace {

constexpr const char* python_text = R"(import asyncio

async def worker(name, delay):
    print(f"{name} starts")
    await asyncio.sleep(delay)
    print(f"{name} done after {delay}s")
    return delay

async def main():
    a = asyncio.create_task(worker("A", 1))
    b = asyncio.create_task(worker("B", 0.5))
    print("main waits")
    await a
    await b
    print("all done")

asyncio.run(main())
)";

// Lines of the C++ text are the sites' lines; the markers map them to the Python text.
constexpr const char* cpp_text = R"(// demo.cpp: the hand-built demo scenario
task<double> worker(std::string name, double delay) {  // py 3
    print(name + " starts");                           // py 4
    co_await sleep(delay);                             // py 5
    print(name + " done after " + fmt(delay) + "s");   // py 6
    co_return delay;                                   // py 7
}
task<void> main_task() {                               // py 9
    auto a = create_task(worker("A", 1));              // py 10
    auto b = create_task(worker("B", 0.5));            // py 11
    print("main waits");                               // py 12
    co_await a;                                        // py 13
    co_await b;                                        // py 14
    print("all done");                                 // py 15
}
)";

struct demo_recorder {
    trace_builder b;
    std::uint32_t iteration = 0;

    site_id line(std::uint32_t cpp_line) { return b.intern_site("demo.cpp", cpp_line); }
    event_index add(event_kind k, object_id subject, std::uint32_t a = 0, std::uint32_t bb = 0, std::uint8_t aux = 0,
                    site_id s = 0) {
        return b.append({k, aux, s, subject, a, bb});
    }
    void next_iteration() {
        add(event_kind::loop_iteration, 0, ++iteration);
    }
    event_index create(object_id task, object_id parent, std::string_view name, site_id s) {
        const auto created = add(event_kind::task_created, task, parent, b.intern(name), 0, s);
        return add(event_kind::task_scheduled, task, 0, created, static_cast<std::uint8_t>(schedule_reason::created), s);
    }
    void print(object_id task, std::string text, site_id s) { add(event_kind::output, task, 0, b.add_string(std::move(text)), 0, s); }
    void suspend(object_id task, await_kind k, object_id on, std::string_view label, site_id s) {
        add(event_kind::task_suspended, task, on, b.intern(label), static_cast<std::uint8_t>(k), s);
    }
};

}  // namespace

trace build_demo_trace(double delay_b) {
    demo_recorder r;
    r.b.set_title("demo: two workers");
    r.b.set_producer("loopscope demo (hand-built)");
    r.b.set_clock("virtual");
    const object_id main = 1, a = 2, b = 3, timer_a = 10, timer_b = 11;
    const double delay_a = 1.0;

    auto main_sched = r.create(main, 0, "main", 0);
    r.next_iteration();
    r.add(event_kind::task_resumed, main, 0, main_sched, 0, r.line(8));
    auto a_sched = r.create(a, main, "A", r.line(9));
    auto b_sched = r.create(b, main, "B", r.line(10));
    r.print(main, "main waits", r.line(11));
    r.suspend(main, await_kind::task, a, "task A", r.line(12));

    r.next_iteration();
    auto start_worker = [&](object_id w, event_index sched, object_id timer, double delay, std::string_view name) {
        r.add(event_kind::task_resumed, w, 0, sched, 0, r.line(2));
        r.print(w, fmt::format("{} starts", name), r.line(3));
        r.add(event_kind::timer_armed, timer, r.b.add_deadline(delay), r.b.intern(fmt::format("sleep({:g})", delay)), 0, r.line(4));
        r.suspend(w, await_kind::sleep, timer, fmt::format("sleep({:g})", delay), r.line(4));
    };
    start_worker(a, a_sched, timer_a, delay_a, "A");
    start_worker(b, b_sched, timer_b, delay_b, "B");

    // Timers fire in deadline order; each wakes its worker, which prints and returns.
    struct wake { object_id w, timer; double delay; std::string_view name; };
    wake first{b, timer_b, delay_b, "B"}, second{a, timer_a, delay_a, "A"};
    if (delay_a < delay_b) std::swap(first, second);
    event_index a_finished = no_event;
    for (const wake& w : {first, second}) {
        r.next_iteration();
        r.b.advance_time(w.delay);
        r.add(event_kind::loop_phase, 0, 0, 0, static_cast<std::uint8_t>(loop_phase::timers));
        auto fired = r.add(event_kind::timer_fired, w.timer);
        auto sched = r.add(event_kind::task_scheduled, w.w, 0, fired, static_cast<std::uint8_t>(schedule_reason::timer_fired));
        r.add(event_kind::loop_phase, 0, 0, 0, static_cast<std::uint8_t>(loop_phase::ready));
        r.add(event_kind::task_resumed, w.w, 0, sched, 0, r.line(4));
        r.print(w.w, fmt::format("{} done after {:g}s", w.name, w.delay), r.line(5));
        auto fin = r.add(event_kind::task_finished, w.w, 0, r.b.intern(fmt::format("{:g}", w.delay)),
                         static_cast<std::uint8_t>(outcome::result), r.line(6));
        if (w.w == a) a_finished = fin;
    }
    // main awaited A: A's end queues main; by then B is done too, so `await b` does not suspend.
    auto main_again = r.add(event_kind::task_scheduled, main, 0, a_finished, static_cast<std::uint8_t>(schedule_reason::task_finished));
    r.next_iteration();
    r.add(event_kind::task_resumed, main, 0, main_again, 0, r.line(12));
    r.print(main, "all done", r.line(14));
    r.add(event_kind::task_finished, main, 0, r.b.intern("None"), static_cast<std::uint8_t>(outcome::result), r.line(14));
    return r.b.finish();
}

const lessons::lesson& demo_lesson() {
    static const lessons::lesson demo = [] {  // immutable after construction: not state
        lessons::lesson l;
        l.id = "demo";
        l.number = 0;
        l.title = "Demo: two workers";
        l.goal = "See how two tasks share one thread: each runs until it awaits, then the loop runs the other.";
        l.notice = "B finished first although A started first: sleeping tasks do not hold the loop.";
        l.sources.push_back({.lang = lessons::language::python, .title = "Python", .text = python_text, .file = "demo.py"});
        l.sources.push_back({.lang = lessons::language::cpp, .title = "C++ scenario", .text = cpp_text, .file = "demo.cpp"});
        lessons::knob delay;
        delay.id = "delay";
        delay.label = "Delay of worker B (s)";
        delay.value = 0.5;
        delay.min = 0.1;
        delay.max = 2.0;
        delay.step = 0.1;
        l.knobs.push_back(delay);
        l.notes.push_back({event_kind::task_suspended, 1, "main awaits A, so main steps aside; A and B have not run a single line yet."});
        l.notes.push_back({event_kind::time_advanced, 1, "Nobody is ready: the clock jumps straight to the first deadline."});
        lessons::quiz q;
        q.question = "Which task prints first after the clock jumps?";
        q.choices = {"A", "B", "main"};
        q.answer = 1;
        q.explanation = "B sleeps 0.5 s and A sleeps 1 s, so B's timer fires first.";
        q.at_kind = event_kind::time_advanced;
        q.at_occurrence = 1;
        l.quizzes.push_back(q);
        l.cpp_file = "demo.cpp";
        l.run = [](const lessons::knob_values& k) {
            auto it = k.find("delay");
            return build_demo_trace(it == k.end() ? 0.5 : it->second);
        };
        return l;
    }();
    return demo;
}

}  // namespace loopscope::gui
