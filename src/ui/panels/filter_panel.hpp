#pragma once
// The global thresholds: confidence, NMS IoU, class-agnostic NMS, max detections, and how
// boxes are drawn. Edits the session's FilterSettings in place; the frame on screen is
// re-filtered from its cached candidates in the same UI frame (also while paused), never
// by running the network again.
#include "ui/panels/panel_context.hpp"

namespace livedetect::ui {

class FilterPanel {
public:
    void draw(PanelContext& ctx);
};

}  // namespace livedetect::ui
