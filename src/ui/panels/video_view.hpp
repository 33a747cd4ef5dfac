#pragma once
// The video: the frame as a GL texture, fitted with its aspect ratio, zoom with the wheel
// about the mouse, pan by dragging, double-click (or F) to fit; the detections as an ImGui
// draw-list overlay in screen pixels (crisp at any zoom) in the per-class colours shared
// with the exports; hovering a box shows class, score, size and frame. UI thread only.
#include "livedetect/core/types.hpp"
#include "livedetect/detect/labels.hpp"
#include "ui/frame_texture.hpp"
#include "ui/view_transform.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace livedetect::ui {

// What to show this UI frame. In synced display the frame and the boxes come from the
// same result; in smooth display the frame may be newer than the boxes.
struct VideoContent {
    std::shared_ptr<const Frame> frame;
    std::vector<Detection> detections;  // already filtered, in source pixels
    std::int64_t detectionsFrame = -1;  // index of the frame the boxes were found on
    const LabelMap* labels = nullptr;  // names the class ids; must outlive draw()
    std::string placeholder;  // shown instead of the video when there is no frame
    std::string note;         // a banner over the video (e.g. "no camera: sample clip")
};

struct BoxStyle {
    float thickness = 2.f;  // screen pixels, unscaled by zoom
    bool showLabels = true;
};

// One box as drawn last frame, in screen pixels (tests and the snapshot check read it).
struct DrawnBox {
    float x0, y0, x1, y1;
    int classId;
    float score;
};

class VideoView {
public:
    // Draws into the current ImGui window, filling the available region.
    void draw(const VideoContent& content, const BoxStyle& style);
    void fit() { m_transform.fit(); }

    const ViewTransform& transform() const { return m_transform; }
    const std::vector<DrawnBox>& drawnBoxes() const { return m_drawn; }
    const FrameTexture& texture() const { return m_texture; }
    // The detection under the mouse last frame, if any (index into content.detections).
    std::optional<std::size_t> hovered() const { return m_hovered; }

private:
    void handleInput(bool hovered, bool active);
    void drawBoxes(const VideoContent& content, const BoxStyle& style);

    FrameTexture m_texture;
    ViewTransform m_transform;
    std::vector<DrawnBox> m_drawn;
    std::optional<std::size_t> m_hovered;
};

}  // namespace livedetect::ui
