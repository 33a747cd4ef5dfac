#include "ui/default_source.hpp"

#include <cstdlib>

namespace livedetect::ui {
namespace fs = std::filesystem;

fs::path sampleClipPath() {
    std::error_code ec;
    // An explicit choice is returned even when missing, so the error names it.
    if (const char* env = std::getenv("LIVEDETECT_SAMPLE_CLIP"); env && *env) return env;
    for (const fs::path& candidate : {fs::path(LIVEDETECT_SOURCE_DIR) / ".cache" / "sample_clip.mp4",
                                     fs::path("/usr/share/doc/opencv-doc/examples/data/vtest.avi")})
        if (fs::exists(candidate, ec)) return candidate;
    return {};
}

}  // namespace livedetect::ui
