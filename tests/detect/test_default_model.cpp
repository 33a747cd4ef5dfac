// The default model (converted at set-up) on dog.jpg, against the reference in DESIGN.md.
#include "livedetect/detect/detector.hpp"
#include "livedetect/detect/filter.hpp"
#include "support/test_support.hpp"

#include <doctest/doctest.h>

#include <opencv2/imgcodecs.hpp>

using namespace livedetect;

namespace {
struct Expected {
    const char* label;
    float score;
    cv::Rect2f box;
};
cv::Rect2f corners(float x0, float y0, float x1, float y1) { return {x0, y0, x1 - x0, y1 - y0}; }
}  // namespace

TEST_CASE("default model on dog.jpg: dog, bicycle and car at the reference boxes and scores") {
    Detector detector(test::defaultModel());
    const cv::Mat image = cv::imread(test::dogJpg().string());
    REQUIRE(!image.empty());
    const auto out = detector.detect(image);
    FilterSettings filter;
    filter.confidence = 0.5f;
    filter.nmsIou = 0.6f;
    filter.classAgnostic = false;
    const auto detections = filterDetections(out.candidates, filter);

    const Expected expected[] = {{"dog", 0.971f, corners(127, 225, 320, 544)},
                                 {"bicycle", 0.959f, corners(112, 133, 566, 430)},
                                 {"car", 0.868f, corners(460, 81, 695, 173)}};
    CHECK(detections.size() == 3);  // nothing else at or above 0.5
    for (const auto& e : expected) {
        CAPTURE(e.label);
        const auto it = std::find_if(detections.begin(), detections.end(), [&](const Detection& d) {
            return detector.labels().name(d.classId) == e.label;
        });
        REQUIRE(it != detections.end());
        CHECK(std::abs(it->score - e.score) <= 0.02f);
        CHECK(iou(it->box, e.box) >= 0.9f);
    }
    // Candidates are kept below the display threshold: the truck at ~0.37 over the car.
    const bool truck = std::any_of(out.candidates.begin(), out.candidates.end(), [&](const Detection& d) {
        return detector.labels().name(d.classId) == "truck" && d.score > 0.2f && d.score < 0.5f;
    });
    CHECK(truck);
    CHECK(detector.description()->numClasses == 90);
    CHECK(detector.description()->sha256.size() == 64);
}

TEST_CASE("default model: a second detect on the same image gives the same candidates") {
    Detector detector(test::defaultModel());
    const cv::Mat image = cv::imread(test::dogJpg().string());
    const auto a = detector.detect(image);
    const auto b = detector.detect(image);
    REQUIRE(a.candidates.size() == b.candidates.size());
    for (std::size_t i = 0; i < a.candidates.size(); ++i) CHECK(a.candidates[i].score == b.candidates[i].score);
}
