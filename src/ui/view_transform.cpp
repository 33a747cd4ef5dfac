#include "ui/view_transform.hpp"

#include <algorithm>

namespace livedetect::ui {

void ViewTransform::setViewport(Vec2 origin, Vec2 size) {
    m_origin = origin;
    m_size = size;
}

void ViewTransform::setImageSize(cv::Size size) {
    // A new source of another size starts fitted; same size (next frame) keeps the view.
    if (size != m_image) {
        m_image = size;
        fit();
    }
}

void ViewTransform::fit() {
    m_zoom = 1.f;
    m_pan = {};
}

float ViewTransform::fitScale() const {
    if (m_image.width <= 0 || m_image.height <= 0 || m_size.x <= 0.f || m_size.y <= 0.f) return 1.f;
    return std::min(m_size.x / static_cast<float>(m_image.width), m_size.y / static_cast<float>(m_image.height));
}

float ViewTransform::scale() const { return fitScale() * m_zoom; }

Vec2 ViewTransform::toScreen(Vec2 p) const {
    const float s = scale();
    const float cx = m_origin.x + m_size.x * 0.5f + m_pan.x;
    const float cy = m_origin.y + m_size.y * 0.5f + m_pan.y;
    return {cx + (p.x - static_cast<float>(m_image.width) * 0.5f) * s,
            cy + (p.y - static_cast<float>(m_image.height) * 0.5f) * s};
}

Vec2 ViewTransform::toImage(Vec2 p) const {
    const float s = scale();
    const float cx = m_origin.x + m_size.x * 0.5f + m_pan.x;
    const float cy = m_origin.y + m_size.y * 0.5f + m_pan.y;
    return {(p.x - cx) / s + static_cast<float>(m_image.width) * 0.5f,
            (p.y - cy) / s + static_cast<float>(m_image.height) * 0.5f};
}

Vec2 ViewTransform::imageMax() const {
    return toScreen({static_cast<float>(m_image.width), static_cast<float>(m_image.height)});
}

void ViewTransform::zoomAt(Vec2 anchor, float factor) {
    const Vec2 fixed = toImage(anchor);
    m_zoom = std::clamp(m_zoom * factor, kMinZoom, kMaxZoom);
    // Move the pan so `fixed` lands under the anchor again.
    const Vec2 now = toScreen(fixed);
    m_pan.x += anchor.x - now.x;
    m_pan.y += anchor.y - now.y;
}

void ViewTransform::pan(Vec2 d) {
    m_pan.x += d.x;
    m_pan.y += d.y;
}

}  // namespace livedetect::ui
