// The detection_output path through cv::dnn for real: a weightless Caffe prototxt
// (Input -> PriorBox -> DetectionOutput, tests/data) whose scores are the input pixels.
#include "livedetect/core/errors.hpp"
#include "livedetect/detect/detector.hpp"
#include "support/test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace livedetect;

namespace {
ModelSpec priorBoxSpec(const test::TempDir& tmp) {
    std::ofstream(tmp / "labels.txt") << "cat\ndog\n";
    ModelSpec spec;
    spec.name = "priorbox_test";
    spec.format = "caffe";
    spec.config = test::dataDir() / "priorbox_detection_output.prototxt";
    spec.labels = tmp / "labels.txt";
    spec.inputSize = {4, 4};
    spec.scale = 1.0 / 255.0;
    spec.outputKind = OutputKind::DetectionOutput;
    spec.classOffset = 1;
    spec.candidateFloor = 0.05f;
    return spec;
}
}  // namespace

TEST_CASE("Caffe DetectionOutput through cv::dnn: prior boxes of the scoring pixels, in source pixels") {
    test::TempDir tmp;
    Detector detector(priorBoxSpec(tmp));
    CHECK(detector.description()->numClasses == 2);  // num_classes 3 in the prototxt, minus background

    // 40x40 source, 10x10 blocks = one network pixel each. Green (channel 1 = class 1 =
    // label 0 "cat") at network cell (1, 2); red 200 (channel 2 = label 1 "dog") at (0, 0).
    cv::Mat image(40, 40, CV_8UC3, cv::Scalar::all(0));
    image(cv::Rect(10, 20, 10, 10)).setTo(cv::Scalar(0, 255, 0));
    image(cv::Rect(0, 0, 10, 10)).setTo(cv::Scalar(0, 0, 200));
    const auto out = detector.detect(image);
    REQUIRE(out.candidates.size() == 2);
    const auto& cat = out.candidates[0].classId == 0 ? out.candidates[0] : out.candidates[1];
    const auto& dog = out.candidates[0].classId == 0 ? out.candidates[1] : out.candidates[0];
    CHECK(detector.labels().name(cat.classId) == "cat");
    CHECK(cat.score == doctest::Approx(1.0));
    // Prior of cell (1, 2): centre (.375, .625), size .5 -> (.125, .375)-(.625, .875) * 40
    CHECK(cat.box.x == doctest::Approx(5.0));
    CHECK(cat.box.y == doctest::Approx(15.0));
    CHECK(cat.box.width == doctest::Approx(20.0));
    CHECK(cat.box.height == doctest::Approx(20.0));
    CHECK(dog.classId == 1);
    CHECK(dog.score == doctest::Approx(200.0 / 255.0).epsilon(1e-3));
    // Prior of cell (0, 0) reaches to -.125: clipped to the image.
    CHECK(dog.box.x == 0.f);
    CHECK(dog.box.y == 0.f);
    CHECK(dog.box.width == doctest::Approx(15.0));
    CHECK(out.timings.forwardMs >= 0.0);
}

TEST_CASE("Caffe model: labels that do not match num_classes are refused, naming both files") {
    test::TempDir tmp;
    ModelSpec spec = priorBoxSpec(tmp);
    std::ofstream(tmp / "three.txt") << "cat\ndog\nbird\n";
    spec.labels = tmp / "three.txt";
    try {
        Detector d(spec);
        FAIL("expected a ModelLoadError");
    } catch (const ModelLoadError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("three.txt has 3 class ids") != std::string::npos);
        CHECK(msg.find("priorbox_detection_output.prototxt has 2 classes") != std::string::npos);
    }
}

TEST_CASE("a detection_output model read as 'anchors' is refused with the output names") {
    test::TempDir tmp;
    ModelSpec spec = priorBoxSpec(tmp);
    spec.outputKind = OutputKind::Anchors;
    std::ofstream(tmp / "anchors.txt") << "0.5 0.5 0.1 0.1\n";
    spec.anchors = tmp / "anchors.txt";
    try {
        Detector d(spec);
        FAIL("expected a ModelLoadError");
    } catch (const ModelLoadError& e) {
        CHECK(std::string(e.what()).find("no output named 'box_encodings'") != std::string::npos);
        CHECK(std::string(e.what()).find("detection_out") != std::string::npos);
    }
}
