// The window's benchmark: start-up to the first annotated frame, and UI frame times while
// inference runs (review in real time, review as fast as possible, live). Runs the real
// App (window, model, video) with the same 60 fps frame loop as App::run. Prints figures;
// never fails on time. Needs a display: bench/ui_bench.sh runs it under Xvfb.
#include "ui/app.hpp"

#include <imgui.h>

#include <opencv2/core/utils/logger.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace livedetect;
using Ms = std::chrono::duration<double, std::milli>;

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5))];
}

const char* const kLiveSource =
    "videotestsrc is-live=true pattern=ball ! video/x-raw,width=768,height=576,framerate=30/1 ! videoconvert ! appsink";

ui::AppConfig config() {
    ui::AppConfig c;
    c.geometry = ui::WindowGeometry{0, 0, 1440, 900, false};
    c.saveSettingsOnExit = false;
    return c;
}

// App::run's loop, instrumented: tick() (renders on demand), then wait out the 1/60 s
// period. With `interact`, every tick has input (the mouse moving over the video, hovering
// boxes), so every tick renders, as while a user works the window.
struct FrameLoop {
    explicit FrameLoop(ui::App& a) : app(a) {
        app.setInputHook([this](ImGuiIO& io) {
            if (!interact) return;
            const double t = static_cast<double>(ticks % 120) / 120.0;
            io.MousePos = ImVec2(static_cast<float>(500.0 + 800.0 * t), static_cast<float>(300.0 + 200.0 * t));
        });
    }
    ui::App& app;
    bool interact = false;
    std::vector<double> work;  // ms of the ticks that rendered
    std::vector<double> age;   // capture -> on screen, ms, for each newly shown frame
    const void* shownFrame = nullptr;
    std::size_t ticks = 0, rendered = 0;
    void frame() {
        const auto start = Clock::now();
        if (interact) app.window().noteActivity();  // what a real mouse event does
        ++ticks;
        if (app.tick()) {
            const auto now = Clock::now();
            ++rendered;
            work.push_back(Ms(now - start).count());
            // The texture holds the frame just drawn: its age is capture -> on screen.
            if (const auto& f = app.video().texture().frame(); f && f.get() != shownFrame) {
                shownFrame = f.get();
                age.push_back(Ms(now - f->captured).count());
            }
        }
        app.waitForNextTick(start);
    }
    void reset() {
        work.clear();
        age.clear();
        ticks = rendered = 0;
    }
};

void startup(const std::string& video) {
    const auto t0 = Clock::now();
    app::Options o;
    o.source = video;
    ui::App app(o, config());
    const double windowMs = Ms(Clock::now() - t0).count();
    FrameLoop loop(app);
    double firstFrame = -1, firstAnnotated = -1;
    while (Ms(Clock::now() - t0).count() < 60000 && firstAnnotated < 0) {
        loop.frame();
        if (firstFrame < 0 && app.video().texture().uploads() > 0) firstFrame = Ms(Clock::now() - t0).count();
        if (firstAnnotated < 0 && !app.video().drawnBoxes().empty()) firstAnnotated = Ms(Clock::now() - t0).count();
    }
    const auto close = app.close();
    std::printf("start-up (%s): window + GL + ImGui %.0f ms, first frame on screen %.0f ms, "
                "first annotated frame %.0f ms; pipeline stop on close %lld ms\n",
                video.c_str(), windowMs, firstFrame, firstAnnotated, static_cast<long long>(close.count()));
}

void frameTimes(const char* name, const std::string& video, const std::string& mode, bool realtime, double seconds,
                bool interact, bool paused = false) {
    // "live" runs on a live GStreamer source at 30 fps (a camera stand-in): a file played
    // live is stamped before its pacing wait, which would count as latency.
    app::Options o;
    o.source = mode == "live" ? kLiveSource : video;
    o.mode = mode;
    o.loop = true;
    ui::App app(o, config());
    app.session().setPacing(realtime, 1.f);
    FrameLoop loop(app);
    // Until the model runs and frames arrive, then measure.
    const auto t0 = Clock::now();
    while (app.session().resultsTaken() < 5 && Ms(Clock::now() - t0).count() < 60000) loop.frame();
    if (paused) {
        app.session().pause();
        for (int i = 0; i < 30; ++i) loop.frame();
    }
    loop.reset();
    loop.interact = interact;
    const auto inferencesBefore = app.session().status().metrics.inference.count;
    const auto start = Clock::now();
    while (Ms(Clock::now() - start).count() < seconds * 1000.0) loop.frame();
    const double elapsed = Ms(Clock::now() - start).count() / 1000.0;
    const auto inferences = app.session().status().metrics.inference.count - inferencesBefore;
    const auto slow = std::count_if(loop.work.begin(), loop.work.end(), [](double ms) { return ms > 16.7; });
    std::printf("%-36s %5.1f frames drawn/s | frame p50 %5.1f p95 %5.1f p99 %5.1f max %5.1f ms, %3ld of %4zu over 16.7 ms"
                " | inference %5.1f/s\n",
                name, static_cast<double>(loop.rendered) / elapsed, percentile(loop.work, 0.5),
                percentile(loop.work, 0.95), percentile(loop.work, 0.99), percentile(loop.work, 1.0),
                static_cast<long>(slow), loop.work.size(), static_cast<double>(inferences) / elapsed);
    if (o.mode == "live" && loop.age.size() >= 4) {
        // Drift: the same figures over the first and the second half of the run.
        const std::size_t half = loop.age.size() / 2;
        const std::vector<double> first(loop.age.begin(), loop.age.begin() + static_cast<std::ptrdiff_t>(half));
        const std::vector<double> second(loop.age.begin() + static_cast<std::ptrdiff_t>(half), loop.age.end());
        std::printf("%-36s live latency (capture -> on screen) p50 %.0f p95 %.0f ms; first half p50 %.0f, "
                    "second half p50 %.0f ms\n",
                    "", percentile(loop.age, 0.5), percentile(loop.age, 0.95), percentile(first, 0.5),
                    percentile(second, 0.5));
    }
}

}  // namespace

int main(int argc, char** argv) {
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    std::string video = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
    double seconds = 10.0;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = std::atof(argv[++i]);
        else
            video = argv[i];
    }
    std::printf("ui_bench: 1440x900 window, 60 fps cap as in App::run, %u cores\n", std::thread::hardware_concurrency());
    startup(video);
    std::printf("UI frames while the pointer moves over the video (every tick renders):\n");
    frameTimes("  paused (no inference)", video, "review", true, seconds, true, true);
    frameTimes("  review, real time", video, "review", true, seconds, true);
    frameTimes("  review, as fast as possible", video, "review", false, seconds, true);
    frameTimes("  live (videotestsrc 30 fps)", video, "live", true, seconds, true);
    std::printf("No input (the window draws on demand):\n");
    frameTimes("  review, real time", video, "review", true, seconds, false);
    frameTimes("  review, as fast as possible", video, "review", false, seconds, false);
    frameTimes("  live (videotestsrc 30 fps)", video, "live", true, seconds, false);
    return 0;
}
