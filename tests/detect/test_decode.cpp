#include "livedetect/core/errors.hpp"
#include "livedetect/detect/decode.hpp"
#include "support/test_support.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

using namespace livedetect;

namespace {
void checkBox(const cv::Rect2f& b, float x0, float y0, float x1, float y1) {
    CHECK(b.x == doctest::Approx(x0).epsilon(1e-4));
    CHECK(b.y == doctest::Approx(y0).epsilon(1e-4));
    CHECK(b.x + b.width == doctest::Approx(x1).epsilon(1e-4));
    CHECK(b.y + b.height == doctest::Approx(y1).epsilon(1e-4));
}
}  // namespace

TEST_CASE("anchor decode follows the TF box coder and maps columns to label ids") {
    // Anchor 0: yc .5 xc .5 h .2 w .4; (ty, tx, th, tw) = (1, -2, 5 ln 2, 0)
    //   yc = 1/10*.2 + .5 = .52, xc = -2/10*.4 + .5 = .42, h = 2*.2 = .4, w = .4
    //   -> x .22...62, y .32...72 of a 200x100 image = (44, 32)-(124, 72)
    const std::vector<Anchor> anchors = {{0.5f, 0.5f, 0.2f, 0.4f}, {0.1f, 0.9f, 0.4f, 0.4f}};
    const std::vector<float> boxes = {1.f, -2.f, 5.f * std::log(2.f), 0.f, 0.f, 0.f, 0.f, 0.f};
    // Columns: background, label 0, label 1.
    const std::vector<float> scores = {0.9f, 0.7f, 0.02f, 0.1f, 0.3f, 0.6f};
    DecodeParams params;
    params.imageSize = {200, 100};
    params.classOffset = 1;
    params.floor = 0.05f;
    const auto out = decodeAnchors(boxes, scores, 3, anchors, {10, 10, 5, 5}, ScoreActivation::None, params);
    REQUIRE(out.size() == 3);  // background never, label 1 of anchor 0 under the floor
    CHECK(out[0].classId == 0);
    CHECK(out[0].score == doctest::Approx(0.7f));
    checkBox(out[0].box, 44, 32, 124, 72);
    // Anchor 1 (.1, .9, .4, .4): x .7...1.1 -> clipped to 140..200; y -.1...3 -> 0..30
    CHECK(out[1].classId == 0);
    CHECK(out[2].classId == 1);
    CHECK(out[2].score == doctest::Approx(0.6f));
    checkBox(out[1].box, 140, 0, 200, 30);
}

TEST_CASE("anchor decode applies a sigmoid when the model asks for it and keeps the best candidates") {
    const std::vector<Anchor> anchors(4, {0.5f, 0.5f, 0.5f, 0.5f});
    const std::vector<float> boxes(16, 0.f);
    const std::vector<float> logits = {0.f, 2.f, -1.f, -5.f};  // one column each, offset 0
    DecodeParams params;
    params.imageSize = {10, 10};
    params.floor = 0.05f;
    params.maxCandidates = 2;
    const auto out = decodeAnchors(boxes, logits, 1, anchors, {10, 10, 5, 5}, ScoreActivation::Sigmoid, params);
    REQUIRE(out.size() == 2);  // sigmoid(-5) = .0067 is under the floor; the cap keeps 2 of 3
    std::vector<float> s = {out[0].score, out[1].score};
    std::sort(s.begin(), s.end());
    CHECK(s[0] == doctest::Approx(0.5f));
    CHECK(s[1] == doctest::Approx(1.f / (1.f + std::exp(-2.f))));
}

TEST_CASE("anchor decode rejects outputs that do not match the anchors") {
    const std::vector<Anchor> anchors(2, {0.5f, 0.5f, 0.5f, 0.5f});
    const std::vector<float> boxes(4, 0.f), scores(2, 0.f);
    CHECK_THROWS_AS(decodeAnchors(boxes, scores, 1, anchors, {10, 10, 5, 5}, ScoreActivation::None, {}),
                    std::invalid_argument);
}

TEST_CASE("detection_output rows become pixel boxes, padding rows end the list") {
    const std::vector<float> rows = {
        0, 1, 0.9f, 0.1f, 0.2f, 0.5f, 0.6f,   // label 0 at (10, 40)-(50, 120) of 100x200
        0, 2, 0.04f, 0.f, 0.f, 1.f, 1.f,      // under the floor
        0, 0, 0.8f, 0.f, 0.f, 1.f, 1.f,       // background: skipped
        0, 3, 0.5f, -0.2f, 0.9f, 0.3f, 1.3f,  // clipped to (0, 180)-(30, 200)
        -1, 0, 0, 0, 0, 0, 0,                 // Caffe pads with -1
        0, 1, 0.9f, 0.f, 0.f, 1.f, 1.f};
    DecodeParams params;
    params.imageSize = {100, 200};
    params.classOffset = 1;
    const auto out = decodeDetectionOutput(rows, params);
    REQUIRE(out.size() == 2);
    CHECK(out[0].classId == 0);
    checkBox(out[0].box, 10, 40, 50, 120);
    CHECK(out[1].classId == 2);
    checkBox(out[1].box, 0, 180, 30, 200);
}

TEST_CASE("clipToImage keeps boxes inside and never negative") {
    checkBox(clipToImage({-5, -5, 10, 10}, {20, 20}), 0, 0, 5, 5);
    checkBox(clipToImage({15, 15, 10, 10}, {20, 20}), 15, 15, 20, 20);
    const auto outside = clipToImage({30, 30, 5, 5}, {20, 20});
    CHECK(outside.area() == 0.f);
}

TEST_CASE("anchors file: comments skipped, bad lines named") {
    test::TempDir tmp;
    {
        std::ofstream(tmp / "good.txt") << "# yc xc h w\n0.5 0.5 0.1 0.2\n\n0.25 0.75 0.3 0.3\n";
        std::ofstream(tmp / "bad.txt") << "0.5 0.5 0.1 0.2\n0.5 0.5 0.1\n";
    }
    const auto anchors = loadAnchors(tmp / "good.txt");
    REQUIRE(anchors.size() == 2);
    CHECK(anchors[1].xc == doctest::Approx(0.75f));
    try {
        loadAnchors(tmp / "bad.txt");
        FAIL("expected a ModelLoadError");
    } catch (const ModelLoadError& e) {
        CHECK(std::string(e.what()).find("line 2") != std::string::npos);
    }
}
