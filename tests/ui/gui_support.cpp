#include "gui_support.hpp"

#include "support/test_support.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <thread>

namespace livedetect::test {

app::Options windowOptions(const std::string& source) {
    app::Options o;
    o.source = source;
    o.model.modelsJson = modelsDir() / "models.json";
    return o;
}

ui::AppConfig testConfig(bool startPaused) {
    ui::AppConfig c;
    c.session.startPaused = startPaused;
    c.geometry = ui::WindowGeometry{0, 0, 1400, 900, false};
    c.enableLocator = true;
    c.saveSettingsOnExit = false;
    return c;
}

bool pumpUntil(ui::App& app, const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        app.runFrame();
        std::this_thread::sleep_for(std::chrono::milliseconds(4));
    }
    return true;
}

void pumpFrames(ui::App& app, int frames) {
    for (int i = 0; i < frames; ++i) app.runFrame();
}

SyntheticInput::SyntheticInput(ui::App& app) : m_app(app), m_state(std::make_shared<State>()) {
    auto state = m_state;
    app.setInputHook([state](ImGuiIO& io) {
        io.MousePos = state->x < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(state->x, state->y);
        io.MouseDown[0] = state->down;
        io.MouseWheel = state->wheel;
        state->wheel = 0.f;
        for (int k = 0; k < 512; ++k) io.KeysDown[k] = state->keys.count(k) > 0;
    });
}

SyntheticInput::~SyntheticInput() { m_app.setInputHook({}); }

void SyntheticInput::frame() { m_app.runFrame(); }

void SyntheticInput::moveTo(float x, float y) {
    m_state->x = x;
    m_state->y = y;
    frame();
}

void SyntheticInput::click(float x, float y) {
    moveTo(x, y);
    m_state->down = true;
    frame();
    m_state->down = false;
    frame();
}

void SyntheticInput::drag(float x0, float y0, float x1, float y1, int steps) {
    moveTo(x0, y0);
    m_state->down = true;
    frame();
    for (int i = 1; i <= steps; ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(steps);
        m_state->x = x0 + (x1 - x0) * t;
        m_state->y = y0 + (y1 - y0) * t;
        frame();
    }
    m_state->down = false;
    frame();
}

void SyntheticInput::wheel(float x, float y, float amount) {
    m_state->x = x;
    m_state->y = y;
    m_state->wheel = amount;
    frame();
}

void SyntheticInput::tapKey(int key) {
    m_state->keys.insert(key);
    frame();
    m_state->keys.erase(key);
    frame();
}

ui::ItemLocator::Rect widget(ui::App& app, const std::string& id) {
    const auto r = app.locator().find(id);
    REQUIRE_MESSAGE(r.has_value(), "widget '" << id << "' was not drawn");
    return *r;
}

float sliderX(const ui::ItemLocator::Rect& r, float value) {
    // ImGui 1.86 SliderBehavior: 2 px grab padding each side, the grab's centre travels
    // over the track minus one grab width.
    const float padding = 2.f;
    const float track = (r.x1 - r.x0) - 2.f * padding;
    const float grab = std::min(ImGui::GetStyle().GrabMinSize, track);
    return r.x0 + padding + grab * 0.5f + value * (track - grab);
}

}  // namespace livedetect::test
