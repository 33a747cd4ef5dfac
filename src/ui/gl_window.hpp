#pragma once
// The native window: GLFW window + OpenGL 3.3 core context (glad loader) + the Dear ImGui
// context and its GLFW/OpenGL3 backends, with a DPI-aware font. Everything here runs on the
// UI thread (the thread that constructed it): GLFW requires its calls on the main thread
// and the GL context is current on this thread only.
#include <opencv2/core.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

struct GLFWwindow;
struct ImGuiIO;

namespace livedetect::ui {

// No display, no GL 3.3, no window: the message says which.
class WindowError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct WindowGeometry {
    int x = -1, y = -1;  // -1: the window manager decides
    int width = 1440, height = 900;
    bool maximized = false;
};

class GlWindow {
public:
    // Throws WindowError.
    GlWindow(const std::string& title, const WindowGeometry& geometry);
    ~GlWindow();
    GlWindow(const GlWindow&) = delete;
    GlWindow& operator=(const GlWindow&) = delete;

    // Polls events, waiting at most `timeoutSeconds` for one (0: just poll).
    void pollEvents(double timeoutSeconds);
    bool shouldClose() const;
    void requestClose();

    // Starts an ImGui frame. `inputHook` (tests) runs after the backends read the real
    // mouse and keyboard and before ImGui sees them, so synthetic input replaces them.
    void beginFrame(const std::function<void(ImGuiIO&)>& inputHook = {});
    // Renders ImGui into the back buffer; then, when asked, reads the back buffer back
    // (capture), then swaps.
    void endFrame(cv::Mat* capture = nullptr);

    // The window manager's icon for the window (BGRA; ignored when empty).
    void setIcon(const cv::Mat& bgra);
    // Files dropped onto the window since the last call.
    std::vector<std::string> takeDroppedPaths();
    // True when input or a window event (move, resize, expose) arrived since the last call:
    // the App renders on demand and needs to know when a new frame is worth drawing.
    bool takeActivity() { return std::exchange(m_activity, false); }
    void noteActivity() { m_activity = true; }
    WindowGeometry geometry() const;
    float contentScale() const { return m_scale; }
    cv::Size framebufferSize() const;
    GLFWwindow* handle() const { return m_window; }
    std::string glRenderer() const { return m_renderer; }

private:
    void loadFonts();

    GLFWwindow* m_window = nullptr;
    bool m_imguiReady = false;
    float m_scale = 1.f;
    bool m_rebuildFonts = false;
    bool m_activity = true;
    WindowGeometry m_restored;  // last geometry while not maximized
    std::vector<std::string> m_dropped;
    std::string m_renderer;
};

}  // namespace livedetect::ui
