#pragma once
// Where the window starts when no source is given: camera 0 if it opens, else the sample
// clip (with a visible note). This is the one place that knows where the clip is.
#include <filesystem>

namespace livedetect::ui {

// $LIVEDETECT_SAMPLE_CLIP, else <source tree>/.cache/sample_clip.mp4 when it exists (the
// set-up script makes it), else OpenCV's vtest.avi from the opencv-doc package.
// Returns the variable's value as is, else the first candidate that exists, else empty.
std::filesystem::path sampleClipPath();

}  // namespace livedetect::ui
