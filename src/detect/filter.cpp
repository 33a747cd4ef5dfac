#include "livedetect/detect/filter.hpp"

#include <algorithm>

namespace livedetect {

bool FilterSettings::enabled(int classId) const {
    const auto it = classes.find(classId);
    return it == classes.end() || it->second.enabled;
}

float FilterSettings::thresholdFor(int classId) const {
    const auto it = classes.find(classId);
    return it == classes.end() || it->second.threshold < 0.f ? confidence : it->second.threshold;
}

float iou(const cv::Rect2f& a, const cv::Rect2f& b) {
    const float inter = (a & b).area();
    const float uni = a.area() + b.area() - inter;
    return uni > 0.f ? inter / uni : 0.f;
}

std::vector<Detection> nonMaxSuppression(std::vector<Detection> detections, float iouThreshold,
                                         bool classAgnostic) {
    std::stable_sort(detections.begin(), detections.end(),
                     [](const Detection& a, const Detection& b) { return a.score > b.score; });
    std::vector<Detection> kept;
    for (const auto& d : detections) {
        const bool suppressed = std::any_of(kept.begin(), kept.end(), [&](const Detection& k) {
            return (classAgnostic || k.classId == d.classId) && iou(k.box, d.box) > iouThreshold;
        });
        if (!suppressed) kept.push_back(d);
    }
    return kept;
}

std::vector<Detection> filterDetections(const std::vector<Detection>& candidates,
                                        const FilterSettings& settings) {
    std::vector<Detection> passing;
    for (const auto& c : candidates)
        if (settings.enabled(c.classId) && c.score >= settings.thresholdFor(c.classId))
            passing.push_back(c);
    auto kept = nonMaxSuppression(std::move(passing), settings.nmsIou, settings.classAgnostic);
    if (settings.maxDetections > 0 && kept.size() > static_cast<std::size_t>(settings.maxDetections))
        kept.resize(static_cast<std::size_t>(settings.maxDetections));
    return kept;
}

}  // namespace livedetect
