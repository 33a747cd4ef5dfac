#pragma once
// Driving the real window in-process: the App with the real model and a real video, and
// synthetic mouse/keyboard input fed to ImGui through the App's input hook, in place of
// the (absent) real input, so widgets react exactly as to a user.
#include "ui/app.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <set>

namespace livedetect::test {

// Window options as the command line would give them: default model, this source.
app::Options windowOptions(const std::string& source);
ui::AppConfig testConfig(bool startPaused);

// Runs UI frames until `done` or the timeout (a few ms apart, so the pipeline threads get
// the CPU). Returns done().
bool pumpUntil(ui::App& app, const std::function<bool()>& done, std::chrono::milliseconds timeout);
void pumpFrames(ui::App& app, int frames);

class SyntheticInput {
public:
    explicit SyntheticInput(ui::App& app);
    ~SyntheticInput();

    void moveTo(float x, float y);  // one frame with the mouse there
    void click(float x, float y);   // move, press, release: three frames
    void drag(float x0, float y0, float x1, float y1, int steps = 8);
    void wheel(float x, float y, float amount);
    void tapKey(int glfwKey);       // key down one frame, up the next

private:
    void frame();
    struct State {
        float x = -1.f, y = -1.f;
        bool down = false;
        float wheel = 0.f;
        std::set<int> keys;
    };
    ui::App& m_app;
    std::shared_ptr<State> m_state;  // shared with the hook, which the App keeps
};

// The centre of a widget the panels marked (ItemLocator); fails the test when it was not drawn.
ui::ItemLocator::Rect widget(ui::App& app, const std::string& id);
// The x that sets an ImGui float slider (track `r`, range [0, 1]) to `value`.
float sliderX(const ui::ItemLocator::Rect& r, float value);

}  // namespace livedetect::test
