#pragma once
// Source picker: what runs now, cameras that open (probed in the background), a path field
// with the recent files, the sample clip, and the synced/smooth display choice for live
// sources. (Files can also be dropped onto the window; App routes them to openSource.)
#include "ui/camera_probe.hpp"
#include "ui/panels/panel_context.hpp"

#include <string>
#include <vector>

namespace livedetect::ui {

class SourcePanel {
public:
    void draw(PanelContext& ctx);

private:
    CameraProbe m_probe;
    std::vector<int> m_cameras;
    bool m_probed = false;
    std::string m_path;
};

}  // namespace livedetect::ui
