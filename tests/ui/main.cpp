// The UI tests' main: every run gets its own empty XDG config dir, so no test reads or
// writes the user's settings and tests cannot see each other's.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "support/no_empty_runs.hpp"

#include <opencv2/core/utils/logger.hpp>

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <string>

// Sanitizer suppressions for uninstrumented system libraries the window's tests load,
// compiled in so they add to whatever LSAN_OPTIONS / TSAN_OPTIONS the build's test preset
// sets (a ctest ENVIRONMENT would replace those). Our own code is never suppressed.
extern "C" const char* __lsan_default_suppressions() {
    // Mesa, X11 and GLFW's X11 glue allocate once per process and never free.
    return "leak:libGLX_mesa.so\n"
           "leak:libgallium\n"
           "leak:swrast_dri.so\n"
           "leak:libLLVM\n"
           "leak:libX11.so\n"
           "leak:libxcb.so\n"
           "leak:libglfw.so\n"
           "leak:libdbus\n"
           "leak:libfontconfig\n";
}

extern "C" const char* __tsan_default_suppressions() {
    // Mesa's llvmpipe threads and fences; GStreamer/GLib handing videotestsrc buffers to
    // OpenCV's appsink; GDAL's mutex order inside OpenCV's imgcodecs.
    return "race:swrast_dri.so\n"
           "race:libgallium\n"
           "race:libgstreamer-1.0.so\n"
           "race:libglib-2.0.so\n"
           "deadlock:libgdal.so\n";
}

int main(int argc, char** argv) {
    // Mesa's driver is unloaded when the last window closes; the allocations it keeps for
    // the process's lifetime then have no module name, and the leak suppressions above
    // cannot match them. Keeping it loaded keeps them nameable.
    for (const char* lib : {"libGLX_mesa.so.0", "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"})
        dlopen(lib, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
    std::string dir = (std::filesystem::temp_directory_path() / "livedetect-ui-test-XXXXXX").string();
    if (!mkdtemp(dir.data())) return 1;
    setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    doctest::Context context(argc, argv);
    const int result = context.run();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return livedetect::test::noEmptyRuns(result);
}
