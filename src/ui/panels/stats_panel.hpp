#pragma once
// Capture / inference / display rates (1 s window), per-stage latency and frame age with
// small plots over the last seconds, dropped frames, workers, model, input size, backend,
// and the UI's own frame time.
#include "ui/panels/panel_context.hpp"
#include "ui/plot_history.hpp"

#include "livedetect/core/types.hpp"

namespace livedetect::ui {

class StatsPanel {
public:
    static constexpr std::size_t kSamples = 120;  // 12 s at one sample per 100 ms

    // Every UI frame, before draw: samples the figures every 100 ms.
    void sample(PanelContext& ctx, double uiFrameMs);
    void draw(PanelContext& ctx);

private:
    PlotHistory<kSamples> m_capture, m_inference, m_display, m_forward, m_age, m_ui;
    Clock::time_point m_lastSample{};
    double m_uiMsWorst = 0.0;
};

}  // namespace livedetect::ui
