#include "livedetect/detect/filter.hpp"

#include <doctest/doctest.h>

using namespace livedetect;

namespace {
Detection det(float x, float y, float w, float h, int cls, float score) { return {{x, y, w, h}, cls, score}; }
}  // namespace

TEST_CASE("iou of hand-computed boxes") {
    CHECK(iou({0, 0, 10, 10}, {5, 0, 10, 10}) == doctest::Approx(50.0 / 150.0));
    CHECK(iou({0, 0, 10, 10}, {0, 0, 10, 10}) == doctest::Approx(1.0));
    CHECK(iou({0, 0, 10, 10}, {20, 20, 5, 5}) == 0.f);
    CHECK(iou({0, 0, 0, 0}, {0, 0, 0, 0}) == 0.f);
}

TEST_CASE("per-class NMS keeps overlapping boxes of different classes, agnostic NMS does not") {
    // IoU of the two boxes is 81/119 = .68
    const std::vector<Detection> c = {det(0, 0, 10, 10, 1, 0.9f), det(1, 1, 10, 10, 2, 0.8f),
                                      det(1, 0, 10, 10, 1, 0.7f)};
    const auto perClass = nonMaxSuppression(c, 0.5f, false);
    REQUIRE(perClass.size() == 2);
    CHECK(perClass[0].score == doctest::Approx(0.9f));
    CHECK(perClass[1].classId == 2);
    const auto agnostic = nonMaxSuppression(c, 0.5f, true);
    REQUIRE(agnostic.size() == 1);
    CHECK(agnostic[0].classId == 1);
    // A looser threshold keeps everything, best first.
    const auto loose = nonMaxSuppression(c, 0.95f, true);
    REQUIRE(loose.size() == 3);
    CHECK(loose[2].score == doctest::Approx(0.7f));
}

TEST_CASE("NMS suppresses only above the IoU threshold") {
    const std::vector<Detection> c = {det(0, 0, 10, 10, 0, 0.9f), det(5, 0, 10, 10, 0, 0.8f)};  // IoU 1/3
    CHECK(nonMaxSuppression(c, 1.f / 3.f + 1e-4f, false).size() == 2);
    CHECK(nonMaxSuppression(c, 0.3f, false).size() == 1);
}

TEST_CASE("filter: global and per-class thresholds, disabled classes") {
    const std::vector<Detection> c = {det(0, 0, 5, 5, 0, 0.9f), det(10, 0, 5, 5, 0, 0.4f),
                                      det(20, 0, 5, 5, 1, 0.7f), det(30, 0, 5, 5, 2, 0.95f),
                                      det(40, 0, 5, 5, 3, 0.3f)};
    FilterSettings s;
    s.confidence = 0.5f;
    CHECK(filterDetections(c, s).size() == 3);
    s.classes[1].threshold = 0.8f;  // stricter for class 1: its 0.7 goes
    s.classes[2].enabled = false;   // class 2 hidden whatever its score
    s.classes[3].threshold = 0.25f; // looser for class 3: its 0.3 comes in
    const auto out = filterDetections(c, s);
    REQUIRE(out.size() == 2);
    CHECK(out[0].classId == 0);
    CHECK(out[1].classId == 3);
    CHECK(s.thresholdFor(0) == doctest::Approx(0.5f));
    CHECK_FALSE(s.enabled(2));
}

TEST_CASE("filter: max detections keeps the best after NMS, sorted by score") {
    std::vector<Detection> c;
    for (int i = 0; i < 6; ++i) c.push_back(det(20.f * i, 0, 10, 10, 0, 0.5f + 0.05f * i));
    c.push_back(det(101, 1, 10, 10, 0, 0.99f));  // overlaps the 0.75 box and suppresses it
    FilterSettings s;
    s.confidence = 0.5f;
    s.nmsIou = 0.5f;
    s.maxDetections = 3;
    const auto out = filterDetections(c, s);
    REQUIRE(out.size() == 3);
    CHECK(out[0].score == doctest::Approx(0.99f));
    CHECK(out[1].score == doctest::Approx(0.70f));
    CHECK(out[2].score == doctest::Approx(0.65f));
    s.maxDetections = 0;  // no limit
    CHECK(filterDetections(c, s).size() == 6);
}

TEST_CASE("filter is pure: same input, same output, candidates untouched") {
    const std::vector<Detection> c = {det(0, 0, 10, 10, 0, 0.9f), det(1, 1, 10, 10, 0, 0.8f)};
    FilterSettings s;
    const auto a = filterDetections(c, s);
    const auto b = filterDetections(c, s);
    REQUIRE(a.size() == b.size());
    CHECK(c.size() == 2);
    CHECK(a[0].score == b[0].score);
}
