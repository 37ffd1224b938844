// The seed tutorials' JavaScript examples (shared/seeds/000 and 002), next to their .js twins.
#include "js_scenario.hpp"

using namespace loopscope::js;

namespace {

// 000: await a setTimeout promise, then return
promise<std::string> fetchData() {
    // Simulating an API call
    co_await new_promise([](auto resolve) { setTimeout(resolve, 1000); });
    co_return "Data from JavaScript";
}
promise<> fetch_main() {
    auto result = co_await fetchData();
    console.log(result);
}
JS_SCENARIO(js_seed_fetch_data, fetch_main);

// 000: three tasks, Promise.all
promise<std::string> task(std::string name) {
    co_await new_promise([](auto resolve) { setTimeout(resolve, 1000); });
    co_return "Task " + name + " completed";
}
promise<> all_main() {
    std::vector<promise<std::string>> tasks{task("A"), task("B"), task("C")};
    auto results = co_await Promise::all(tasks);
    console.log(results);
}
JS_SCENARIO(js_seed_promise_all, all_main);

// 002: greet, eager up to the first await
promise<> greet(std::string name) {
    console.log("Hello, " + name + "!");
    co_await new_promise([](auto resolve) { setTimeout(resolve, 1000); });
    console.log("Goodbye, " + name + "!");
}
promise<> greet_main() {
    auto all = Promise::all(std::vector{greet("Alice"), greet("Bob"), greet("Charlie")});
    console.log("all three started");
    co_await all;
    console.log("done");
}
JS_SCENARIO(js_seed_greet, greet_main);

// 002: try/catch in async functions, .catch() in a chain
struct user {
    int id;
    std::string name;
};
promise<user> fetchUser(int id) {
    co_await new_promise([](auto resolve) { setTimeout(resolve, 100); });
    if (id < 0) throw error("no user " + std::to_string(id));
    co_return user{id, "Ada"};
}
promise<> errors_main() {
    try {
        user u = co_await fetchUser(1);
        console.log("got", u.name);
        co_await fetchUser(-1);
        console.log("not reached");
    } catch (const error& e) {
        console.log("caught:", e.message());
    }
    console.log("finally runs");
    fetchUser(-2)
        .then([](const user& u) { console.log("not reached either", u.name); })
        .catch_([](const error& e) { console.log(".catch got", e.message()); })
        .finally([] { console.log("chain done"); });
    console.log("main returns");
}
JS_SCENARIO(js_seed_error_handling, errors_main);

}  // namespace
