#include "ui/gl_window.hpp"

#include <glad/gl.h>
// glad first: it provides the GL declarations; GLFW must not include its own.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <utility>

namespace livedetect::ui {

namespace {

// GLFW reports errors through a callback with no user pointer; keep the last one to put
// into the WindowError. Only the UI thread calls GLFW, the mutex is for tidiness.
std::mutex g_errorMutex;
std::string g_lastError;

void onGlfwError(int code, const char* description) {
    std::lock_guard lock(g_errorMutex);
    g_lastError = "GLFW error " + std::to_string(code) + ": " + (description ? description : "");
}

std::string lastGlfwError() {
    std::lock_guard lock(g_errorMutex);
    return g_lastError.empty() ? std::string("unknown GLFW error") : g_lastError;
}

GlWindow* self(GLFWwindow* w) { return static_cast<GlWindow*>(glfwGetWindowUserPointer(w)); }

}  // namespace

GlWindow::GlWindow(const std::string& title, const WindowGeometry& g) {
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit())
        throw WindowError("cannot open a window (no display? run with --headless): " + lastGlfwError());
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    glfwWindowHint(GLFW_MAXIMIZED, g.maximized ? GLFW_TRUE : GLFW_FALSE);
    // WM_CLASS, matched by StartupWMClass in assets/livedetect.desktop.
    glfwWindowHintString(GLFW_X11_CLASS_NAME, "livedetect");
    glfwWindowHintString(GLFW_X11_INSTANCE_NAME, "livedetect");
    m_window = glfwCreateWindow(g.width, g.height, title.c_str(), nullptr, nullptr);
    if (!m_window) {
        const std::string why = lastGlfwError();
        glfwTerminate();
        throw WindowError("cannot create an OpenGL 3.3 window: " + why);
    }
    if (g.x >= 0 && g.y >= 0) glfwSetWindowPos(m_window, g.x, g.y);
    m_restored = g;
    glfwMakeContextCurrent(m_window);
    if (!gladLoadGL(glfwGetProcAddress)) {
        glfwDestroyWindow(m_window);
        glfwTerminate();
        throw WindowError("cannot load OpenGL 3.3 functions");
    }
    glfwSwapInterval(1);  // vsync where there is one; App also caps the rate itself
    if (const auto* r = glGetString(GL_RENDERER)) m_renderer = reinterpret_cast<const char*>(r);

    glfwSetWindowUserPointer(m_window, this);
    glfwSetDropCallback(m_window, [](GLFWwindow* w, int count, const char** paths) {
        for (int i = 0; i < count; ++i) self(w)->m_dropped.emplace_back(paths[i]);
        self(w)->m_activity = true;
    });
    glfwSetWindowContentScaleCallback(m_window, [](GLFWwindow* w, float, float) {
        self(w)->m_rebuildFonts = true;
        self(w)->m_activity = true;
    });
    // Installed before ImGui's backend, which calls them from its own callbacks.
    glfwSetCursorPosCallback(m_window, [](GLFWwindow* w, double, double) { self(w)->m_activity = true; });
    glfwSetMouseButtonCallback(m_window, [](GLFWwindow* w, int, int, int) { self(w)->m_activity = true; });
    glfwSetScrollCallback(m_window, [](GLFWwindow* w, double, double) { self(w)->m_activity = true; });
    glfwSetKeyCallback(m_window, [](GLFWwindow* w, int, int, int, int) { self(w)->m_activity = true; });
    glfwSetCharCallback(m_window, [](GLFWwindow* w, unsigned) { self(w)->m_activity = true; });
    glfwSetCursorEnterCallback(m_window, [](GLFWwindow* w, int) { self(w)->m_activity = true; });
    glfwSetWindowFocusCallback(m_window, [](GLFWwindow* w, int) { self(w)->m_activity = true; });
    glfwSetFramebufferSizeCallback(m_window, [](GLFWwindow* w, int, int) { self(w)->m_activity = true; });
    glfwSetWindowRefreshCallback(m_window, [](GLFWwindow* w) { self(w)->m_activity = true; });

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is ours and lives in settings.json
    // No keyboard navigation: Space and the arrows are the transport's shortcuts, not
    // "activate the focused widget" and "move the focus".
    ImGui::StyleColorsDark();
    // Installs its callbacks after ours (drop, content scale): it chains the ones it replaces.
    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    m_imguiReady = true;
    loadFonts();
}

GlWindow::~GlWindow() {
    if (m_imguiReady) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    glfwDestroyWindow(m_window);
    glfwTerminate();
}

void GlWindow::loadFonts() {
    float xs = 1.f, ys = 1.f;
    glfwGetWindowContentScale(m_window, &xs, &ys);
    m_scale = std::max(1.f, std::max(xs, ys));
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Latin-1, general punctuation (the em dash of status messages), arrows and geometric
    // shapes (transport buttons, help popup).
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x25A0, 0x25FF, 0};
    const float size = 15.f * m_scale;
    ImFont* font = nullptr;
    for (const char* path : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                             "/usr/share/fonts/TTF/DejaVuSans.ttf"}) {
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
            font = io.Fonts->AddFontFromFileTTF(path, size, nullptr, ranges);
            if (font) break;
        }
    }
    if (!font) {
        ImFontConfig config;
        config.SizePixels = 13.f * m_scale;
        io.Fonts->AddFontDefault(&config);
    }
    ImGui::GetStyle() = ImGuiStyle();
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0.f;
    style.FrameRounding = 3.f;
    style.GrabRounding = 3.f;
    style.ScaleAllSizes(m_scale);
}

void GlWindow::pollEvents(double timeoutSeconds) {
    if (timeoutSeconds > 0.0)
        glfwWaitEventsTimeout(timeoutSeconds);
    else
        glfwPollEvents();
}

bool GlWindow::shouldClose() const { return glfwWindowShouldClose(m_window) != 0; }
void GlWindow::requestClose() { glfwSetWindowShouldClose(m_window, GLFW_TRUE); }

void GlWindow::beginFrame(const std::function<void(ImGuiIO&)>& inputHook) {
    if (m_rebuildFonts) {
        m_rebuildFonts = false;
        loadFonts();
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (inputHook) inputHook(ImGui::GetIO());
    ImGui::NewFrame();
}

void GlWindow::endFrame(cv::Mat* capture) {
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.08f, 0.08f, 0.09f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (capture && w > 0 && h > 0) {
        cv::Mat rgba(h, w, CV_8UC4);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadBuffer(GL_BACK);
        glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data);
        cv::Mat bgr;
        cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
        cv::flip(bgr, *capture, 0);  // GL rows go bottom-up
    }
    glfwSwapBuffers(m_window);
    if (!glfwGetWindowAttrib(m_window, GLFW_MAXIMIZED) && !glfwGetWindowAttrib(m_window, GLFW_ICONIFIED)) {
        glfwGetWindowPos(m_window, &m_restored.x, &m_restored.y);
        glfwGetWindowSize(m_window, &m_restored.width, &m_restored.height);
    }
}

void GlWindow::setIcon(const cv::Mat& bgra) {
    if (bgra.empty() || bgra.type() != CV_8UC4) return;
    cv::Mat rgba;
    cv::cvtColor(bgra, rgba, cv::COLOR_BGRA2RGBA);
    GLFWimage image{rgba.cols, rgba.rows, rgba.data};
    glfwSetWindowIcon(m_window, 1, &image);  // copied by GLFW
}

std::vector<std::string> GlWindow::takeDroppedPaths() { return std::exchange(m_dropped, {}); }

WindowGeometry GlWindow::geometry() const {
    WindowGeometry g = m_restored;
    g.maximized = glfwGetWindowAttrib(m_window, GLFW_MAXIMIZED) != 0;
    return g;
}

cv::Size GlWindow::framebufferSize() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    return {w, h};
}

}  // namespace livedetect::ui
