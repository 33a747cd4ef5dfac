#include "ui/timeline.hpp"

#include <doctest/doctest.h>

using namespace livedetect;
using livedetect::ui::Timeline;

namespace {
Detection det(float x, int cls, float score) { return {cv::Rect2f(x, 0, 10, 10), cls, score}; }
}  // namespace

TEST_CASE("timeline: counts follow the filter without the frames being analysed again") {
    Timeline t;
    t.reset(10);
    FilterSettings f;
    f.confidence = 0.3f;
    t.refresh(f);
    t.record(2, {det(0, 1, 0.9f), det(100, 1, 0.5f), det(200, 2, 0.35f)});
    t.record(5, {det(0, 1, 0.4f)});
    CHECK(t.count(2) == 3);
    CHECK(t.count(5) == 1);
    CHECK(t.count(3) == -1);
    CHECK(t.analysedFrames() == 2);
    CHECK(t.maxCount() == 3);

    f.confidence = 0.8f;
    CHECK(t.refresh(f));
    CHECK(t.count(2) == 1);
    CHECK(t.count(5) == 0);

    f.classes[1].enabled = false;
    f.confidence = 0.3f;
    CHECK(t.refresh(f));
    CHECK(t.count(2) == 1);  // only the class-2 box
}

TEST_CASE("timeline: refresh works in slices and bins cover the length") {
    Timeline t;
    t.reset(100);
    FilterSettings f;
    f.confidence = 0.5f;
    for (int i = 0; i < 100; i += 2) t.record(i, {det(0, 0, 0.9f), det(50, 0, 0.6f)});
    f.confidence = 0.7f;
    CHECK_FALSE(t.refresh(f, 10));
    CHECK(t.refresh(f, 1000));
    CHECK(t.count(10) == 1);
    const auto bins = t.bins(10);
    REQUIRE(bins.size() == 10);
    for (int b : bins) CHECK(b == 1);
    CHECK(t.nextWithDetections(10) == 12);
    CHECK(t.nextWithDetections(98) == 0);  // wraps
}

TEST_CASE("timeline: unknown length grows and weak candidates are not kept") {
    Timeline t;
    t.reset(-1);
    FilterSettings f;
    f.confidence = 0.05f;
    t.refresh(f);
    t.record(7, {det(0, 0, 0.06f), det(50, 0, 0.5f)});
    CHECK(t.frameCount() == 8);
    CHECK(t.count(7) == 1);  // 0.06 is under Timeline::kKeepFloor
    CHECK(t.bins(4) == std::vector<int>{-1, -1, -1, 1});
}
