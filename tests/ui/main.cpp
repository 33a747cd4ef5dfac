// The UI tests' main: every run gets its own empty XDG config dir, so no test reads or
// writes the user's settings and tests cannot see each other's.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <opencv2/core/utils/logger.hpp>

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
    // Mesa's driver is unloaded when the last window closes; the allocations it keeps for
    // the process's lifetime then have no module name, and LeakSanitizer's suppressions
    // (tests/ui/lsan.supp) cannot match them. Keeping it loaded keeps them nameable.
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
    return result;
}
