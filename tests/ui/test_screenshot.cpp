// Renders a known frame with known detections through the real window code (GL texture,
// fit, ImGui overlay), reads the framebuffer back and checks the pixels: the video is there
// and box outlines are where the detections are, in their class colours.
#include "livedetect/core/palette.hpp"
#include "support/test_support.hpp"
#include "ui/gl_window.hpp"
#include "ui/panels/video_view.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

using namespace livedetect;
using namespace livedetect::ui;

namespace {

cv::Mat firstFrameOfVtest() {
    cv::VideoCapture cap(test::vtestAvi().string());
    cv::Mat frame;
    REQUIRE_MESSAGE(cap.read(frame), "cannot read " << test::vtestAvi());
    return frame.clone();
}

// Draws the view over the whole window (no padding, no decoration) and returns the
// framebuffer of the last of `frames` UI frames.
cv::Mat render(GlWindow& window, VideoView& view, const VideoContent& content, int frames = 3) {
    cv::Mat shot;
    for (int i = 0; i < frames; ++i) {
        window.pollEvents(0);
        window.beginFrame([](ImGuiIO& io) { io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX); });
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
        ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
        ImGui::Begin("view", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        view.draw(content, BoxStyle{3.f, true});
        ImGui::End();
        ImGui::PopStyleVar(2);
        window.endFrame(i + 1 == frames ? &shot : nullptr);
    }
    return shot;
}

bool near(const cv::Vec3b& bgr, Rgb rgb, int tolerance) {
    return std::abs(bgr[2] - rgb.r) <= tolerance && std::abs(bgr[1] - rgb.g) <= tolerance &&
           std::abs(bgr[0] - rgb.b) <= tolerance;
}

}  // namespace

TEST_CASE("screenshot: the video fills the fitted rectangle and box outlines sit on the detections") {
    GlWindow window("livedetect screenshot test", WindowGeometry{-1, -1, 1000, 700, false});
    const cv::Size fb = window.framebufferSize();
    REQUIRE(fb.area() > 0);

    auto frame = std::make_shared<Frame>();
    frame->image = firstFrameOfVtest();  // 768x576 pedestrians
    frame->index = 0;
    VideoContent content;
    content.frame = frame;
    const LabelMap labels({"person", "bicycle", "car"});
    content.labels = &labels;
    content.detections = {{cv::Rect2f(100, 80, 120, 300), 0, 0.9f}, {cv::Rect2f(420, 200, 250, 150), 2, 0.7f}};
    content.detectionsFrame = 0;

    VideoView view;
    const cv::Mat shot = render(window, view, content);
    if (const char* dump = std::getenv("LIVEDETECT_TEST_DUMP")) cv::imwrite(dump, shot);
    REQUIRE(shot.size() == fb);

    // Where the test expects the image: fitted, centred (computed here, not by the view).
    const cv::Size img = frame->image.size();
    const double s = std::min(double(fb.width) / img.width, double(fb.height) / img.height);
    const double ox = (fb.width - img.width * s) / 2, oy = (fb.height - img.height * s) / 2;
    auto sx = [&](double x) { return int(std::lround(ox + x * s)); };
    auto sy = [&](double y) { return int(std::lround(oy + y * s)); };

    SUBCASE("the video is not blank and is the frame") {
        const cv::Rect area(sx(0) + 2, sy(0) + 2, int(img.width * s) - 4, int(img.height * s) - 4);
        cv::Mat shown = shot(area);
        cv::Scalar mean, dev;
        cv::meanStdDev(shown, mean, dev);
        CHECK(dev[0] > 20.0);  // a textured picture, not a flat colour
        cv::Mat expected;
        cv::resize(frame->image, expected, area.size(), 0, 0, cv::INTER_AREA);
        // Boxes and labels cover a little of it; the rest matches the frame closely.
        cv::Mat diff;
        cv::absdiff(shown, expected, diff);
        CHECK(cv::mean(diff)[0] < 12.0);
        // Outside the image (the letterbox) is the dark background.
        if (sy(0) > 4) CHECK(cv::norm(shot.at<cv::Vec3b>(sy(0) / 2, fb.width / 2)) < 60.0);
    }

    SUBCASE("each box's outline is drawn in its class colour along its edges, and not inside") {
        for (const Detection& d : content.detections) {
            const Rgb color = classColor(d.classId);
            const int x0 = sx(d.box.x), y0 = sy(d.box.y), x1 = sx(d.box.x + d.box.width), y1 = sy(d.box.y + d.box.height);
            int hits = 0, samples = 0;
            // The left, right and bottom edges (the caption sits on the top edge), at several points.
            for (double f : {0.3, 0.5, 0.7, 0.9}) {
                const int y = int(y0 + f * (y1 - y0)), x = int(x0 + f * (x1 - x0));
                for (cv::Point p : {cv::Point(x0 + 1, y), cv::Point(x1 - 2, y), cv::Point(x, y1 - 2)}) {
                    ++samples;
                    if (near(shot.at<cv::Vec3b>(p), color, 40)) ++hits;
                }
            }
            CHECK_MESSAGE(hits == samples, "class " << d.classId << ": " << hits << "/" << samples);
            // Well inside the box the video shows through.
            int inside = 0;
            for (double f : {0.3, 0.5, 0.7})
                if (near(shot.at<cv::Vec3b>(int(y0 + f * (y1 - y0)), int(x0 + 0.5 * (x1 - x0))), color, 40)) ++inside;
            CHECK(inside < 3);
        }
        REQUIRE(view.drawnBoxes().size() == 2);
        CHECK(view.drawnBoxes()[0].x0 == doctest::Approx(sx(100)).epsilon(0.01));
    }

    SUBCASE("a new frame object is uploaded once, redraws, zoom and new boxes do not upload") {
        const auto uploads = view.texture().uploads();
        content.detections.pop_back();
        render(window, view, content, 2);
        CHECK(view.texture().uploads() == uploads);
        auto next = std::make_shared<Frame>(*frame);
        next->index = 1;
        content.frame = next;
        render(window, view, content, 2);
        CHECK(view.texture().uploads() == uploads + 1);
    }
}
