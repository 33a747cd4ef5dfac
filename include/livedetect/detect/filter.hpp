#pragma once
// The DetectionFilter: a pure function from a frame's candidates to what is shown and
// exported. Consumers (UI thread, headless CLI) apply it; workers never do, so a change
// of settings re-filters the frame on screen at once, even while paused.
#include "livedetect/core/types.hpp"

#include <map>
#include <vector>

namespace livedetect {

struct ClassOverride {
    bool enabled = true;
    float threshold = -1.f;  // < 0: use the global confidence
    bool operator==(const ClassOverride&) const = default;
};

struct FilterSettings {
    float confidence = 0.5f;
    float nmsIou = 0.45f;        // boxes overlapping a better one by more than this go
    bool classAgnostic = false;  // NMS across classes instead of within each class
    int maxDetections = 100;     // after NMS, best first; <= 0 means no limit
    std::map<int, ClassOverride> classes;  // by label id; absent = enabled, global threshold

    bool enabled(int classId) const;
    float thresholdFor(int classId) const;
    bool operator==(const FilterSettings&) const = default;
};

float iou(const cv::Rect2f& a, const cv::Rect2f& b);

// Greedy NMS. Input in any order; output sorted by score, best first.
std::vector<Detection> nonMaxSuppression(std::vector<Detection> detections, float iouThreshold,
                                         bool classAgnostic);

// Threshold (per class), NMS, sort by score, cap at maxDetections.
std::vector<Detection> filterDetections(const std::vector<Detection>& candidates,
                                        const FilterSettings& settings);

}  // namespace livedetect
