// console.log's layout of values (util.inspect), checked against Node's own.
#include <cmath>

#include "js_scenario.hpp"

using namespace loopscope::js;

namespace {

void console_format() {
    console.log(std::vector{1, 2, 3}, "and", std::vector<std::string>{"a", "b"});
    console.log(std::vector{1, 2, 3, 4, 5, 6, 7});
    std::vector<int> thirty;
    for (int i = 0; i < 30; ++i) thirty.push_back(i * 3);
    console.log(thirty);
    console.log(std::vector<std::string>{"Task A completed", "Task B completed", "Task C completed", "Task D completed"});
    console.log(std::vector{0.1 + 0.2, 1e21, -0.0, 1.0 / 3, 100.0, std::pow(2.0, 53), 1e-7, 123e-20});
    console.log(to_string(-0.0) + " " + to_string(1e21) + " " + to_string(0.5), true, null, undefined);
    console.log(std::vector<std::string>{"it's", "say \"hi\"", "tab\there"});
    console.log(object().set("name", "Ada").set("born", 1815).set("langs", std::vector<std::string>{"en", "fr"}));
    console.log("%s has %d items costing %f", "cart", 3, 9.5, "extra");
    console.log(std::vector{std::tuple{1, std::tuple{2, std::tuple{3, std::vector{4}}}}});
    console.log(std::vector<int>{});
}
JS_SCENARIO(js_console_format, console_format);

}  // namespace
