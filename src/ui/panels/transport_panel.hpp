#pragma once
// Review transport: play/pause, step ±1, seek slider with frame index and time, pacing
// (real time × speed, or as fast as possible), loop, and the timeline strip of detections
// per analysed frame (click to jump). Live sources get play/pause only.
#include "ui/panels/panel_context.hpp"

#include "livedetect/core/types.hpp"

#include <cstdint>

namespace livedetect::ui {

class TransportPanel {
public:
    void draw(PanelContext& ctx);

private:
    void drawTimeline(PanelContext& ctx, std::int64_t frameCount, std::int64_t position);

    std::int64_t m_seekValue = 0;
    bool m_dragging = false;
    Clock::time_point m_lastSeek{};
};

}  // namespace livedetect::ui
