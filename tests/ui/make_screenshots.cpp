// Makes the README's screenshots with the app itself: the real window, model and video,
// rendered under Xvfb and read back from the framebuffer. Not a test; run by
// tests/ui/make_screenshots.sh, which writes docs/screenshots/.
#include "ui/app.hpp"

#include <imgui.h>

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cfloat>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

using namespace livedetect;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct Mouse {
    float x = -1.f, y = -1.f;
};

bool pumpUntil(ui::App& app, const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        app.runFrame();
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

void save(ui::App& app, const fs::path& file) {
    cv::Mat shot;
    app.runFrame();
    app.runFrame(&shot);
    cv::imwrite(file.string(), shot);
    std::cout << "wrote " << file.string() << '\n';
}

app::Options options(const std::string& source, const std::string& mode) {
    app::Options o;
    o.source = source;
    o.mode = mode;
    return o;
}

ui::AppConfig config(bool paused) {
    ui::AppConfig c;
    c.session.startPaused = paused;
    c.geometry = ui::WindowGeometry{0, 0, 1440, 900, false};
    c.enableLocator = true;
    c.saveSettingsOnExit = false;
    return c;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: livedetect_ui_screenshots OUTDIR VIDEO\n";
        return 2;
    }
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    const fs::path out = argv[1];
    const std::string video = argv[2];
    fs::create_directories(out);
    auto mouse = std::make_shared<Mouse>();
    auto hook = [mouse](ImGuiIO& io) {
        io.MousePos = mouse->x < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(mouse->x, mouse->y);
    };

    {  // Review: analyse as fast as possible until the strip has filled, then pause on a busy frame.
        ui::App app(options(video, "review"), config(false));
        app.session().setPacing(false, 1.f);
        auto& s = app.session();
        pumpUntil(app, [&] { return s.timeline().analysedFrames() >= 500; }, 120s);
        s.pause();
        pumpUntil(app, [] { return false; }, 500ms);
        s.seek(s.timeline().nextWithDetections(420));
        pumpUntil(app, [&] { return s.shown() && s.status().state == PipelineState::Paused; }, 10s);
        pumpUntil(app, [] { return false; }, 500ms);
        save(app, out / "review.png");
    }
    {  // Tuning: a paused frame, low confidence, one class with its own threshold, a box hovered.
        ui::App app(options(video, "review"), config(true));
        auto& s = app.session();
        pumpUntil(app, [&] { return s.shown() != nullptr; }, 60s);
        s.seek(120);
        pumpUntil(app, [&] { return s.shown() && s.shown()->frame.index == 120; }, 20s);
        s.filter().confidence = 0.35f;
        s.filter().nmsIou = 0.5f;
        s.filter().classes[0].threshold = 0.45f;
        app.setInputHook(hook);
        app.runFrame();
        if (!app.video().drawnBoxes().empty()) {
            const auto& b = app.video().drawnBoxes().front();
            mouse->x = (b.x0 + b.x1) / 2;
            mouse->y = (b.y0 + b.y1) / 2;
        }
        pumpUntil(app, [] { return false; }, 300ms);
        save(app, out / "tuning.png");
    }
    {  // Live: no source given and no camera here, so the window falls back to the sample clip
       // (note shown), in live mode with the stats open.
        auto o = options("", "live");
        ui::App app(o, config(false));
        auto& s = app.session();
        s.settings().openSections["Stats"] = true;
        s.settings().openSections["Classes"] = false;
        s.settings().openSections["Output"] = false;
        s.settings().smoothDisplay = true;
        pumpUntil(app, [&] { return s.resultsTaken() > 60; }, 60s);
        pumpUntil(app, [] { return false; }, 2s);
        save(app, out / "live.png");
    }
    return 0;
}
