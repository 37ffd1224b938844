// The app on a saved trace or the user's script: `loopscope shot FILE`, the code pane's text,
// and re-recording with the cursor kept.
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "display.hpp"
#include "gui.hpp"
#include "script_fixtures.hpp"

namespace loopscope::gui {
namespace {

using testing::temp_folder;
using testing::worker_script;
using testing::write_text;
namespace fs = std::filesystem;

TEST(OpenFile, ShotOfASavedTraceWritesAPng) {
    LOOPSCOPE_PYTHON_OR_SKIP();
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 640, 480);  // only to skip without a display
    renderer.reset();
    temp_folder dir("shot");
    const fs::path script = dir.path / "shot.py", trace = dir.path / "shot.lstrace", png = dir.path / "shot.png";
    write_text(script, worker_script(1));
    ASSERT_TRUE(script_source(script, trace).record().s);
    shot_options o;
    o.lesson = trace.string();
    o.step = 5;
    o.out = png.string();
    o.width = 800;
    o.height = 600;
    ASSERT_EQ(run_shot(o), 0);
    ASSERT_TRUE(fs::exists(png));
    EXPECT_GT(fs::file_size(png), 1000u);

    // A malformed trace: a message and exit code 1, no PNG.
    const fs::path bad = dir.path / "bad.lstrace", bad_png = dir.path / "bad.png";
    write_text(bad, "LSTRnot really");
    o.lesson = bad.string();
    o.out = bad_png.string();
    EXPECT_EQ(run_shot(o), 1);
    EXPECT_FALSE(fs::exists(bad_png));
}

TEST(OpenFile, ShotOfAScriptObeysItsTraceOptions) {
    LOOPSCOPE_PYTHON_OR_SKIP();
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 640, 480);  // only to skip without a display
    renderer.reset();
    temp_folder dir("shot-options");
    const fs::path script = dir.path / "forever.py", png = dir.path / "forever.png";
    // Never ends on its own: only --max-events stops it, so the run's length shows the option arrived.
    write_text(script,
               "import asyncio, sys\n"
               "async def main():\n"
               "    print(sys.argv[1])\n"
               "    while True:\n"
               "        await asyncio.sleep(0)\n"
               "asyncio.run(main())\n");
    const std::vector<std::string_view> too_far{script.c_str(), "--step", "5000", "--out", png.c_str(), "--size", "800x600",
                                                "--max-events", "300", "--", "hello"};
    std::string error;
    auto o = parse_shot_args(too_far, &error);
    ASSERT_TRUE(o) << error;
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(run_shot(*o), 2);
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find("is past the end"), std::string::npos) << err;
    EXPECT_FALSE(fs::exists(png));

    o->step = 100;
    ASSERT_EQ(run_shot(*o), 0);
    EXPECT_TRUE(fs::exists(png));
}

TEST(OpenFile, ScriptShowsInTheCodePaneAndReRecordsKeepingTheCursor) {
    LOOPSCOPE_PYTHON_OR_SKIP();
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    temp_folder dir("app");
    const fs::path script = dir.path / "mine.py";
    write_text(script, worker_script(1));
    app a{settings{}};
    std::string error;
    ASSERT_TRUE(a.open_script(script, &error)) << error;
    ASSERT_TRUE(a.current().has_own_source());
    EXPECT_EQ(a.current().own_source.text, worker_script(1));
    const event_index step = std::min<event_index>(10, a.current().last());
    a.view().cursor = step;
    (void)renderer->render(a);  // draws the script's code pane without trouble
    EXPECT_EQ(a.view().cursor, step);

    write_text(script, worker_script(3));
    fs::last_write_time(script, fs::last_write_time(script) + std::chrono::seconds(2));
    double now = 100.0;
    a.poll_script(now);
    EXPECT_TRUE(a.script_busy()) << "re-recorded in the background";
    EXPECT_EQ(a.current().own_source.text, worker_script(1)) << "the old run stays until the new one is ready";
    (void)renderer->render(a);  // draws the old run with the re-recording indicator
    for (int i = 0; i < 3000 && a.script_busy(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        a.poll_script(now += 0.01);
    }
    ASSERT_FALSE(a.script_busy());
    EXPECT_EQ(a.current().own_source.text, worker_script(3));
    EXPECT_EQ(a.view().cursor, step) << "the cursor stays where it still exists";
    EXPECT_EQ(a.script_status().rfind("re-recorded ", 0), 0u) << a.script_status();
    (void)renderer->render(a);
}

TEST(OpenFile, TheWindowOpensWhileTheFirstRecordingRuns) {
    LOOPSCOPE_PYTHON_OR_SKIP();
    LOOPSCOPE_RENDERER_OR_SKIP(renderer, 1280, 720);
    temp_folder dir("first");
    const fs::path script = dir.path / "first.py";
    write_text(script, worker_script(2));
    app a{settings{}};
    std::string error;
    ASSERT_TRUE(a.open_script(script, &error, {}, true)) << error;
    EXPECT_TRUE(a.script_busy());
    EXPECT_TRUE(a.current().empty()) << "nothing to show until the tracer is done";
    (void)renderer->render(a);  // "Running first.py under CPython's asyncio..."
    double now = 0;
    for (int i = 0; i < 3000 && a.script_busy(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        a.poll_script(now += 0.01);
    }
    ASSERT_FALSE(a.script_busy());
    ASSERT_FALSE(a.current().empty()) << a.script_status();
    EXPECT_EQ(a.current().own_source.text, worker_script(2));
    EXPECT_EQ(a.script_status().rfind("recorded ", 0), 0u) << a.script_status();
    (void)renderer->render(a);

    // What would stop every run is said at once: a missing script.
    app b{settings{}};
    EXPECT_FALSE(b.open_script(dir.path / "missing.py", &error, {}, true));
    EXPECT_NE(error.find("no such file"), std::string::npos) << error;
}

}  // namespace
}  // namespace loopscope::gui
