#include "ui/app.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <thread>

namespace livedetect::ui {

App::App(const app::Options& options, AppConfig config) : m_config(std::move(config)) {
    std::string error;
    m_settings = loadSettings(settingsFile(), &error);
    const WindowGeometry geometry = m_config.geometry.value_or(WindowGeometry{
        m_settings.windowX, m_settings.windowY, m_settings.windowWidth, m_settings.windowHeight, m_settings.maximized});
    m_window = std::make_unique<GlWindow>("livedetect", geometry);
    m_window->setIcon(cv::imread(LIVEDETECT_SOURCE_DIR "/assets/livedetect.png", cv::IMREAD_UNCHANGED));
    m_session = std::make_unique<Session>(options, m_settings, m_config.session);
    if (!error.empty()) m_session->notify(NoticeLevel::Warning, error);
    m_locator.enable(m_config.enableLocator);
}

App::~App() { close(); }

bool App::closeRequested() const { return m_window->shouldClose(); }

std::chrono::milliseconds App::close() {
    if (m_closed) return {};
    m_closed = true;
    // The user sees the window go at once; the threads stop behind it.
    glfwHideWindow(m_window->handle());
    const auto took = m_session->shutdown();
    if (m_config.saveSettingsOnExit) {
        const WindowGeometry g = m_window->geometry();
        m_settings.windowX = g.x;
        m_settings.windowY = g.y;
        m_settings.windowWidth = g.width;
        m_settings.windowHeight = g.height;
        m_settings.maximized = g.maximized;
        if (const auto model = m_session->activeModel())
            m_settings.filters[model->spec.name] = StoredFilter::from(m_session->filter(), model->labels);
        saveSettings(m_settings, settingsFile());
    }
    return took;
}

int App::run(const std::function<bool()>& stopRequested) {
    while (!m_window->shouldClose() && !(stopRequested && stopRequested())) {
        const auto start = Clock::now();
        tick();
        waitForNextTick(start);
    }
    close();
    return 0;
}

void App::waitForNextTick(Clock::time_point tickStart) {
    // Where the swap does not wait for vsync (Xvfb, some drivers) nothing else would cap
    // the rate: wait out the period, handling events meanwhile.
    const auto period = std::chrono::duration<double>(1.0 / std::max(1.0, m_config.maxFps));
    const auto deadline = tickStart + std::chrono::duration_cast<Clock::duration>(period);
    for (auto now = Clock::now(); now < deadline && !m_window->shouldClose(); now = Clock::now())
        m_window->pollEvents(std::chrono::duration<double>(deadline - now).count());
}

bool App::tick() {
    m_window->pollEvents(0);
    const bool changed = updateSession();
    // A few frames after input, so ImGui settles hover, popups and widget state.
    if (m_window->takeActivity() || ImGui::GetIO().WantTextInput) m_settleFrames = 6;
    const bool stale = Clock::now() - m_lastFrameStart > std::chrono::milliseconds(250);
    if (!changed && m_settleFrames == 0 && !stale) return false;
    if (m_settleFrames > 0) --m_settleFrames;
    render(nullptr);
    return true;
}

void App::runFrame(cv::Mat* capture) {
    m_window->pollEvents(0);
    updateSession();
    m_window->takeActivity();
    render(capture);
}

bool App::updateSession() {
    for (const auto& path : m_window->takeDroppedPaths()) m_session->openSource(path);
    m_session->update();
    const Session& s = *m_session;
    const void* frame = m_session->displayFrame().get();
    const bool changed = frame != m_seenFrame || s.resultsTaken() != m_seenResults ||
                         s.noticesPosted() != m_seenNotices || s.status().state != m_seenState ||
                         s.status().modelLoading != m_seenLoading;
    m_seenFrame = frame;
    m_seenResults = s.resultsTaken();
    m_seenNotices = s.noticesPosted();
    m_seenState = s.status().state;
    m_seenLoading = s.status().modelLoading;
    return changed;
}

void App::render(cv::Mat* capture) {
    const auto start = Clock::now();
    if (m_lastFrameStart != Clock::time_point{}) {
        const double dt = std::chrono::duration<double>(start - m_lastFrameStart).count();
        if (dt > 0) m_uiFps = m_uiFps == 0.0 ? 1.0 / dt : m_uiFps * 0.9 + (1.0 / dt) * 0.1;
    }
    m_lastFrameStart = start;

    m_window->beginFrame(m_inputHook);
    handleShortcuts();
    layout();
    m_help.draw();
    m_window->endFrame(capture);

    std::string title = "livedetect";
    if (m_session->status().hasSource) title += " — " + m_session->status().source.description;
    if (title != m_title) {
        m_title = title;
        glfwSetWindowTitle(m_window->handle(), m_title.c_str());
    }
    m_lastFrameMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void App::handleShortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    // Keys belong to a text field being edited, and to the help popup while it is open.
    if (io.WantTextInput || m_help.isOpen()) return;
    if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) m_session->togglePause();
    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) m_session->stepForward();
    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) m_session->stepBackward();
    if (ImGui::IsKeyPressed(GLFW_KEY_S, false) && !io.KeyCtrl) m_session->snapshot();
    if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) m_video.fit();
    if (ImGui::IsKeyPressed(GLFW_KEY_F1, false) || ImGui::IsKeyPressed(GLFW_KEY_H, false)) m_help.open();
    if (ImGui::IsKeyPressed(GLFW_KEY_Q, false) || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false))
        m_window->requestClose();
}

void App::layout() {
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    PanelContext ctx{*m_session, m_locator, m_window->contentScale()};

    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoBackground);  // the clear colour is the background: one layer less
    ImGui::PopStyleVar(2);

    const float statusHeight = ImGui::GetFrameHeight() + style.WindowPadding.y;
    const float bodyHeight = std::max(1.f, io.DisplaySize.y - statusHeight);
    const float splitter = 5.f * ctx.scale;
    float& sidebar = m_settings.sidebarWidth;
    sidebar = std::clamp(sidebar, 200.f, std::max(200.f, io.DisplaySize.x / ctx.scale - 240.f));
    const float sidebarPx = sidebar * ctx.scale;

    drawSidebar(ctx, sidebarPx, bodyHeight);
    ImGui::SameLine(0, 0);
    ImGui::InvisibleButton("##splitter", {splitter, bodyHeight});
    if (ImGui::IsItemActive()) sidebar += io.MouseDelta.x / ctx.scale;
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    ImGui::SameLine(0, 0);
    drawMain(ctx, bodyHeight);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {style.WindowPadding.x, style.WindowPadding.y * 0.5f});
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.11f, 0.11f, 0.13f, 1.f));
    ImGui::BeginChild("##status", {0, statusHeight}, false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    m_status.draw(ctx, m_lastFrameMs);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::End();
}

void App::drawSidebar(PanelContext& ctx, float width, float height) {
    ImGui::BeginChild("##sidebar", {width, height}, false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    // Which sections are open is part of the layout the settings remember.
    auto section = [&](const char* title, bool openByDefault) {
        auto it = m_settings.openSections.try_emplace(title, openByDefault).first;
        ImGui::SetNextItemOpen(it->second, ImGuiCond_Always);
        it->second = ImGui::CollapsingHeader(title);
        return it->second;
    };
    if (section("Source", true)) m_source.draw(ctx);
    if (section("Model", true)) m_model.draw(ctx);
    if (section("Detection", true)) m_filter.draw(ctx);
    if (section("Classes", true)) m_classes.draw(ctx);
    if (section("Output", true)) m_output.draw(ctx);
    m_stats.sample(ctx, m_lastFrameMs);
    if (section("Stats", false)) m_stats.draw(ctx);
    ImGui::Separator();
    if (ImGui::SmallButton("Help (F1)")) m_help.open();
    ImGui::EndChild();
}

void App::drawMain(PanelContext& ctx, float height) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const PipelineStatus& st = m_session->status();
    const bool review = st.hasSource && !st.live;
    const bool seekable = review && std::max<std::int64_t>(m_session->timeline().frameCount(), st.source.frameCount) > 0;
    const float row = ImGui::GetFrameHeightWithSpacing();
    const float transportHeight =
        style.WindowPadding.y * 2 + row + (seekable ? row + ImGui::GetFrameHeight() * 1.2f + style.ItemSpacing.y + row : 0.f);

    ImGui::BeginChild("##main", {0, height}, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::BeginChild("##video", {0, std::max(1.f, height - transportHeight)}, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoMove);
    m_video.draw(videoContent(), BoxStyle{m_settings.boxThickness * ctx.scale, m_settings.showLabels});
    ImGui::EndChild();
    ImGui::BeginChild("##transport", {0, transportHeight}, false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    m_transport.draw(ctx);
    ImGui::EndChild();
    ImGui::EndChild();
}

VideoContent App::videoContent() {
    Session& s = *m_session;
    VideoContent c;
    c.frame = s.displayFrame();
    c.detections = s.detections();
    c.labels = &s.labels();
    c.note = s.sourceNote();
    if (const auto& shown = s.shown()) c.detectionsFrame = shown->frame.index;
    if (!c.frame) {
        const PipelineStatus& st = s.status();
        if (st.state == PipelineState::Failed)
            c.placeholder = st.message.empty() ? "the source failed" : st.message;
        else if (st.state == PipelineState::Opening)
            c.placeholder = "opening " + (st.hasSource ? st.source.description : std::string("the source")) + "…";
        else if (!s.activeModel())
            c.placeholder = st.modelLoading ? "loading the model…" : "no model: pick one in the Model panel";
        else if (!st.hasSource)
            c.placeholder = "no source: open a file (or drop one here) or pick a camera";
        else
            c.placeholder = "waiting for the first frame…";
    }
    return c;
}

}  // namespace livedetect::ui
