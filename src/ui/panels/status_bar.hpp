#pragma once
// The bottom line: pipeline state (and why: "camera 0 lost — reconnecting (attempt 3)"),
// the source, the latest notice (errors stay until a newer one), recording, and what a
// UI frame costs (the window draws on demand, so its rate says little).
// Click the notice for the log of recent ones.
#include "ui/panels/panel_context.hpp"

namespace livedetect::ui {

class StatusBar {
public:
    void draw(PanelContext& ctx, double uiFrameMs);
};

}  // namespace livedetect::ui
