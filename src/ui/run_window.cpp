#include "ui/run_window.hpp"

#include "ui/app.hpp"

#include <atomic>
#include <csignal>
#include <iostream>

namespace livedetect::ui {

namespace {

// Ctrl-C in the terminal or a SIGTERM closes the window like its close button: the
// pipeline stops and the settings are saved. Set by the handler, read by the UI loop.
std::atomic<bool> g_stopSignal{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onStopSignal(int) { g_stopSignal = true; }

}  // namespace

int runWindow(const app::Options& options) {
    try {
        App app(options);
        const auto previousInt = std::signal(SIGINT, onStopSignal);
        const auto previousTerm = std::signal(SIGTERM, onStopSignal);
        const int code = app.run([] { return g_stopSignal.load(); });
        std::signal(SIGINT, previousInt);
        std::signal(SIGTERM, previousTerm);
        return code;
    } catch (const WindowError& e) {
        std::cerr << "livedetect: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace livedetect::ui
