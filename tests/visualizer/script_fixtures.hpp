// A small asyncio script in a fresh temp folder, for the suites that open the user's own script.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "trace_runner.hpp"

namespace loopscope::testing {

// Two workers that each sleep; `seconds` is the sleep. Line 5 is the await.
inline std::string worker_script(int seconds) {
    return "import asyncio\n"
           "\n"
           "\n"
           "async def worker(n):\n"
           "    await asyncio.sleep(" + std::to_string(seconds) + ")\n"
           "    return n\n"
           "\n"
           "\n"
           "async def main():\n"
           "    await asyncio.gather(worker(1), worker(2))\n"
           "\n"
           "\n"
           "asyncio.run(main())\n";
}
constexpr int worker_await_line = 5;

inline void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A temp folder removed at the end of the test.
struct temp_folder {
    std::filesystem::path path;
    explicit temp_folder(const std::string& name)
        : path(std::filesystem::temp_directory_path() / ("loopscope-test-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~temp_folder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

#define LOOPSCOPE_PYTHON_OR_SKIP()                                                             \
    if (::loopscope::cli::find_python().empty()) GTEST_SKIP() << "python3 is not installed"; \
    if (::loopscope::cli::find_tracer().empty()) GTEST_SKIP() << "the tracer was not found"

}  // namespace loopscope::testing
