#pragma once
// Output from the window: the folder, snapshot (annotated PNG + the frame's detections as
// JSON), record the annotated stream, export the detections of the analysed frames.
#include "ui/panels/panel_context.hpp"

#include <string>

namespace livedetect::ui {

class OutputPanel {
public:
    void draw(PanelContext& ctx);

private:
    std::string m_dir;
    bool m_dirLoaded = false;
};

}  // namespace livedetect::ui
