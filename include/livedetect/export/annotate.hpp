#pragma once
// Draws detections into a BGR image (exports and snapshots; the window draws its own
// overlay with ImGui so boxes stay crisp at any zoom).
#include "livedetect/core/types.hpp"
#include "livedetect/detect/labels.hpp"

#include <string>
#include <vector>

namespace livedetect {

// "dog 0.97"
std::string detectionCaption(const Detection& d, const LabelMap& labels);

void drawDetections(cv::Mat& bgr, const std::vector<Detection>& detections, const LabelMap& labels);

}  // namespace livedetect
