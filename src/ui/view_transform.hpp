#pragma once
// Maps image pixels to screen pixels for the video view: aspect-correct fit, zoom about a
// point (the mouse), pan. Pure value type, no ImGui/GL, so it is tested on its own.
// UI thread only (like everything in ui/), but nothing here cares.
#include <opencv2/core.hpp>

namespace livedetect::ui {

struct Vec2 {
    float x = 0.f, y = 0.f;
    bool operator==(const Vec2&) const = default;
};

class ViewTransform {
public:
    static constexpr float kMinZoom = 0.05f;  // relative to the fitted size
    static constexpr float kMaxZoom = 40.f;

    // The viewport (screen rectangle of the view) and the image size; keeps zoom and pan.
    void setViewport(Vec2 origin, Vec2 size);
    void setImageSize(cv::Size size);
    // Back to "whole image centred in the viewport".
    void fit();
    // Multiply the zoom by factor, keeping the image point under `anchor` (screen) fixed.
    void zoomAt(Vec2 anchor, float factor);
    void pan(Vec2 screenDelta);

    float zoom() const { return m_zoom; }  // 1 = fitted
    bool isFitted() const { return m_zoom == 1.f && m_pan == Vec2{}; }
    // Screen pixels per image pixel.
    float scale() const;
    Vec2 toScreen(Vec2 image) const;
    Vec2 toImage(Vec2 screen) const;
    // Screen rectangle covered by the whole image.
    Vec2 imageMin() const { return toScreen({0.f, 0.f}); }
    Vec2 imageMax() const;
    cv::Size imageSize() const { return m_image; }
    Vec2 viewportOrigin() const { return m_origin; }
    Vec2 viewportSize() const { return m_size; }

private:
    float fitScale() const;
    Vec2 m_origin, m_size;
    cv::Size m_image{0, 0};
    float m_zoom = 1.f;
    Vec2 m_pan;  // screen offset of the image centre from the viewport centre
};

}  // namespace livedetect::ui
