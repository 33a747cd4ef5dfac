#pragma once
// The window application: the GL window, the Session and the panels, the frame loop, the
// keyboard shortcuts, drag and drop, and saving the settings on exit.
// Threading: constructed, run and destroyed on one thread (the UI thread; GLFW wants the
// main thread). The hooks for tests are called on that thread too, between frames.
#include "app/cli_options.hpp"
#include "ui/gl_window.hpp"
#include "ui/panels/class_table.hpp"
#include "ui/panels/filter_panel.hpp"
#include "ui/panels/help_popup.hpp"
#include "ui/panels/model_panel.hpp"
#include "ui/panels/output_panel.hpp"
#include "ui/panels/panel_context.hpp"
#include "ui/panels/source_panel.hpp"
#include "ui/panels/stats_panel.hpp"
#include "ui/panels/status_bar.hpp"
#include "ui/panels/transport_panel.hpp"
#include "ui/panels/video_view.hpp"
#include "ui/session.hpp"
#include "ui/settings.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace livedetect::ui {

struct AppConfig {
    SessionConfig session;
    std::optional<WindowGeometry> geometry;  // else the saved one
    bool enableLocator = false;              // tests: remember widget rectangles
    bool saveSettingsOnExit = true;
    double maxFps = 60.0;  // run(): frame cap where the swap does not wait for vsync
};

class App {
public:
    // Throws WindowError when no window can be opened. A bad model or source does not
    // throw: the window opens and the status bar says what is wrong.
    explicit App(const app::Options& options, AppConfig config = {});
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Runs until the window is closed (Q/Esc, the close button) or `stopRequested` says so
    // (a signal); returns the exit code. Loop: tick(), then waitForNextTick().
    int run(const std::function<bool()>& stopRequested = {});
    // One tick of run(): events, session update, and a rendered frame only when something
    // changed (input, a new frame or status, an error), the UI is settling after input, or
    // 250 ms passed. A software rasterizer takes several ms per frame, CPU that inference
    // needs; with a GPU it costs nothing either way. Returns true when it rendered.
    bool tick();
    // Waits, handling events, until 1/maxFps after `tickStart`.
    void waitForNextTick(Clock::time_point tickStart);
    // One UI frame, always rendered: events, session update, panels, render, swap.
    // `capture` receives the framebuffer as rendered (BGR), for screenshots and tests.
    void runFrame(cv::Mat* capture = nullptr);
    bool closeRequested() const;
    // Hides the window, stops the pipeline, saves the settings. Returns how long stopping
    // the pipeline took. Idempotent; the destructor calls it.
    std::chrono::milliseconds close();

    // --- test hooks (same code paths as a user) -------------------------------------------
    void setInputHook(std::function<void(ImGuiIO&)> hook) { m_inputHook = std::move(hook); }
    Session& session() { return *m_session; }
    VideoView& video() { return m_video; }
    const ItemLocator& locator() const { return m_locator; }
    GlWindow& window() { return *m_window; }
    double lastFrameMs() const { return m_lastFrameMs; }

private:
    // Returns true when what the window shows changed (new result or frame, state, notice).
    bool updateSession();
    void render(cv::Mat* capture);
    void layout();
    void handleShortcuts();
    void drawSidebar(PanelContext& ctx, float width, float height);
    void drawMain(PanelContext& ctx, float height);
    VideoContent videoContent();

    AppConfig m_config;
    Settings m_settings;
    std::unique_ptr<GlWindow> m_window;  // before the panels: their GL objects die first
    std::unique_ptr<Session> m_session;
    ItemLocator m_locator;
    VideoView m_video;
    SourcePanel m_source;
    ModelPanel m_model;
    FilterPanel m_filter;
    ClassTable m_classes;
    TransportPanel m_transport;
    StatsPanel m_stats;
    OutputPanel m_output;
    StatusBar m_status;
    HelpPopup m_help;
    std::function<void(ImGuiIO&)> m_inputHook;
    double m_lastFrameMs = 0.0;
    double m_uiFps = 0.0;
    Clock::time_point m_lastFrameStart{};
    int m_settleFrames = 0;  // frames still rendered after the last input
    // What was on screen at the last render, to tell whether a new one is needed.
    const void* m_seenFrame = nullptr;
    std::uint64_t m_seenResults = 0;
    std::uint64_t m_seenNotices = 0;
    PipelineState m_seenState = PipelineState::Idle;
    bool m_seenLoading = false;
    std::string m_title;
    bool m_closed = false;
};

}  // namespace livedetect::ui
