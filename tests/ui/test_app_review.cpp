// The acceptance tests of the window: the real App in-process with the real converted
// model and a real video (vtest.avi), driven by synthetic mouse and keyboard input through
// the same widgets a user touches. Nothing stands in for the network.
#include "gui_support.hpp"
#include "support/test_support.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <opencv2/imgcodecs.hpp>

#include <fstream>

using namespace livedetect;
using namespace livedetect::test;
using namespace std::chrono_literals;

namespace {

constexpr auto kTimeout = 60s;  // model load + first frame, generous for sanitizer builds

// Opens vtest.avi paused on its first frame and waits until that result is on screen and
// nothing more is being inferred.
std::unique_ptr<ui::App> openPausedOnVtest() {
    auto app = std::make_unique<ui::App>(windowOptions(vtestAvi().string()), testConfig(true));
    ui::Session& s = app->session();
    REQUIRE_MESSAGE(pumpUntil(*app, [&] { return s.shown() && s.status().state == PipelineState::Paused; }, kTimeout),
                    "no paused frame; state " << pipelineStateName(s.status().state) << ", notices: "
                                              << (s.notices().empty() ? "" : s.notices().back().text));
    // Settle: the pipeline delivers nothing more while paused.
    const auto taken = s.resultsTaken();
    pumpUntil(*app, [] { return false; }, 300ms);
    REQUIRE(s.resultsTaken() == taken);
    return app;
}

std::size_t countClass(const std::vector<ui::DrawnBox>& boxes, int classId) {
    std::size_t n = 0;
    for (const auto& b : boxes) n += b.classId == classId;
    return n;
}

}  // namespace

TEST_CASE("window: confidence slider 0.3 -> 0.8 on a paused frame draws fewer boxes without a new inference") {
    auto app = openPausedOnVtest();
    ui::Session& s = app->session();
    SyntheticInput input(*app);

    const auto slider = widget(*app, "filter.confidence");
    input.click(sliderX(slider, 0.3f), slider.cy());
    REQUIRE(s.filter().confidence == doctest::Approx(0.3f).epsilon(0.02));
    const auto shown = s.shown();
    const auto inferences = s.status().metrics.inference.count;
    const auto taken = s.resultsTaken();
    const std::size_t at03 = app->video().drawnBoxes().size();
    REQUIRE_MESSAGE(at03 >= 2, "frame 0 of vtest.avi should show several people at 0.3, got " << at03);

    input.drag(sliderX(slider, 0.3f), slider.cy(), sliderX(slider, 0.8f), slider.cy());
    CHECK(s.filter().confidence == doctest::Approx(0.8f).epsilon(0.02));
    input.moveTo(0, 0);  // one more frame: what is drawn now
    const std::size_t at08 = app->video().drawnBoxes().size();
    CHECK(at08 < at03);
    for (const auto& b : app->video().drawnBoxes()) CHECK(b.score >= 0.79f);

    // The same result, re-filtered: no new inference, no new result taken.
    CHECK(s.shown() == shown);
    CHECK(s.resultsTaken() == taken);
    CHECK(s.status().metrics.inference.count == inferences);
}

TEST_CASE("window: the Right key steps a paused video forward by one frame") {
    auto app = openPausedOnVtest();
    ui::Session& s = app->session();
    SyntheticInput input(*app);
    const auto before = s.shown()->frame.index;
    input.tapKey(GLFW_KEY_RIGHT);
    REQUIRE(pumpUntil(*app, [&] { return s.shown()->frame.index != before; }, kTimeout));
    CHECK(s.shown()->frame.index == before + 1);
    pumpUntil(*app, [] { return false; }, 200ms);
    CHECK(s.shown()->frame.index == before + 1);  // and it stays there: still paused
    CHECK(s.status().state == PipelineState::Paused);

    // The transport's step button goes the same way.
    const auto forward = widget(*app, "transport.forward");
    input.click(forward.cx(), forward.cy());
    REQUIRE(pumpUntil(*app, [&] { return s.shown()->frame.index == before + 2; }, kTimeout));
}

TEST_CASE("window: unticking person in the class table removes every person box") {
    auto app = openPausedOnVtest();
    ui::Session& s = app->session();
    SyntheticInput input(*app);
    const auto slider = widget(*app, "filter.confidence");
    input.click(sliderX(slider, 0.3f), slider.cy());
    const int person = 0;  // COCO label id of "person"
    REQUIRE(s.labels().name(person) == "person");
    REQUIRE(countClass(app->video().drawnBoxes(), person) > 0);
    const auto inferences = s.status().metrics.inference.count;

    const auto box = widget(*app, "classes.enable.person");
    input.click(box.cx(), box.cy());
    input.moveTo(0, 0);
    CHECK_FALSE(s.filter().enabled(person));
    CHECK(countClass(app->video().drawnBoxes(), person) == 0);
    for (const auto& d : s.detections()) CHECK(d.classId != person);
    CHECK(s.status().metrics.inference.count == inferences);

    input.click(box.cx(), box.cy());
    input.moveTo(0, 0);
    CHECK(countClass(app->video().drawnBoxes(), person) > 0);
}

TEST_CASE("window: S writes a snapshot whose PNG and detections match the screen") {
    auto app = openPausedOnVtest();
    ui::Session& s = app->session();
    TempDir out;
    s.settings().outputDir = out.path().string();
    SyntheticInput input(*app);
    const auto slider = widget(*app, "filter.confidence");
    input.click(sliderX(slider, 0.3f), slider.cy());
    input.moveTo(0, 0);
    const auto onScreen = app->video().drawnBoxes();
    REQUIRE(!onScreen.empty());

    input.tapKey(GLFW_KEY_S);
    REQUIRE(s.outputs().waitIdle(10s));
    std::vector<std::filesystem::path> pngs, jsons;
    for (const auto& e : std::filesystem::directory_iterator(out.path()))
        (e.path().extension() == ".png" ? pngs : jsons).push_back(e.path());
    REQUIRE(pngs.size() == 1);
    REQUIRE(jsons.size() == 1);
    CHECK(jsons[0].stem() == pngs[0].stem());

    const cv::Mat png = cv::imread(pngs[0].string());
    CHECK(png.size() == s.shown()->frame.image.size());
    const auto j = nlohmann::json::parse(std::ifstream(jsons[0]));
    CHECK(j["frame"] == s.shown()->frame.index);
    CHECK(j["model"] == "ssd_mobilenet_v2_coco");
    CHECK(j["filter"]["confidence"].get<double>() == doctest::Approx(0.3).epsilon(0.02));
    const auto& dets = j["detections"];
    REQUIRE(dets.size() == onScreen.size());
    // Each exported box, mapped through the view, is a box drawn on screen (same class,
    // same score, within a pixel of rounding).
    const auto& view = app->video().transform();
    for (std::size_t i = 0; i < dets.size(); ++i) {
        const auto& d = dets[i];
        const auto a = view.toScreen({d["box"][0].get<float>(), d["box"][1].get<float>()});
        const auto b = view.toScreen({d["box"][2].get<float>(), d["box"][3].get<float>()});
        bool found = false;
        for (const auto& r : onScreen)
            found = found || (r.classId == d["class_id"].get<int>() && std::abs(r.score - d["score"].get<float>()) < 1e-3f &&
                              std::abs(r.x0 - a.x) <= 1.5f && std::abs(r.y0 - a.y) <= 1.5f &&
                              std::abs(r.x1 - b.x) <= 1.5f && std::abs(r.y1 - b.y) <= 1.5f);
        CHECK_MESSAGE(found, "exported detection " << d.dump() << " is not on screen");
    }
    // The PNG is annotated: it differs from the raw frame where the boxes are.
    cv::Mat diff;
    cv::absdiff(png, s.shown()->frame.image, diff);
    CHECK(cv::countNonZero(diff.reshape(1)) > 0);
}
