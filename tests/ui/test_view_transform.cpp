#include "ui/view_transform.hpp"

#include <doctest/doctest.h>

using livedetect::ui::Vec2;
using livedetect::ui::ViewTransform;

namespace {
ViewTransform make(Vec2 origin, Vec2 size, cv::Size image) {
    ViewTransform t;
    t.setViewport(origin, size);
    t.setImageSize(image);
    return t;
}
}  // namespace

TEST_CASE("view transform: a wide image fits the width and is centred vertically") {
    const auto t = make({10, 20}, {800, 600}, {400, 100});
    CHECK(t.scale() == doctest::Approx(2.0));
    CHECK(t.imageMin().x == doctest::Approx(10));
    CHECK(t.imageMin().y == doctest::Approx(20 + (600 - 200) / 2.0));
    CHECK(t.imageMax().x == doctest::Approx(810));
    CHECK(t.imageMax().y == doctest::Approx(20 + 400));
}

TEST_CASE("view transform: a tall image fits the height") {
    const auto t = make({0, 0}, {800, 600}, {300, 600});
    CHECK(t.scale() == doctest::Approx(1.0));
    CHECK(t.imageMin().x == doctest::Approx(250));
    CHECK(t.imageMax().y == doctest::Approx(600));
}

TEST_CASE("view transform: zoom keeps the point under the mouse, pan moves, fit resets") {
    auto t = make({0, 0}, {800, 600}, {800, 600});
    const Vec2 mouse{200, 150};
    const Vec2 before = t.toImage(mouse);
    t.zoomAt(mouse, 2.f);
    CHECK(t.zoom() == doctest::Approx(2.0));
    CHECK(t.scale() == doctest::Approx(2.0));
    const Vec2 after = t.toImage(mouse);
    CHECK(after.x == doctest::Approx(before.x));
    CHECK(after.y == doctest::Approx(before.y));

    t.pan({30, -10});
    const Vec2 moved = t.toScreen(before);
    CHECK(moved.x == doctest::Approx(mouse.x + 30));
    CHECK(moved.y == doctest::Approx(mouse.y - 10));
    CHECK_FALSE(t.isFitted());

    t.fit();
    CHECK(t.isFitted());
    CHECK(t.toScreen({0, 0}).x == doctest::Approx(0));
}

TEST_CASE("view transform: toImage inverts toScreen and zoom is clamped") {
    auto t = make({5, 7}, {640, 480}, {1920, 1080});
    t.zoomAt({100, 100}, 3.f);
    t.pan({-40, 25});
    for (const Vec2 p : {Vec2{0, 0}, Vec2{1919, 1079}, Vec2{960, 10}}) {
        const Vec2 back = t.toImage(t.toScreen(p));
        CHECK(back.x == doctest::Approx(p.x).epsilon(1e-4));
        CHECK(back.y == doctest::Approx(p.y).epsilon(1e-4));
    }
    t.zoomAt({0, 0}, 1e6f);
    CHECK(t.zoom() == doctest::Approx(ViewTransform::kMaxZoom));
    t.zoomAt({0, 0}, 1e-9f);
    CHECK(t.zoom() == doctest::Approx(ViewTransform::kMinZoom));
}

TEST_CASE("view transform: the same image size keeps the view, another size fits again") {
    auto t = make({0, 0}, {800, 600}, {640, 480});
    t.zoomAt({400, 300}, 2.f);
    t.setImageSize({640, 480});
    CHECK(t.zoom() == doctest::Approx(2.0));
    t.setImageSize({1280, 720});
    CHECK(t.isFitted());
}
