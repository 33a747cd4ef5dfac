#pragma once
// Per-class table of the running model: enable, own threshold (else the global one),
// colour (the palette shared with the exports), count in the frame on screen. Edits the
// session's FilterSettings; the frame on screen is re-filtered at once.
#include "ui/panels/panel_context.hpp"

#include <string>

namespace livedetect::ui {

class ClassTable {
public:
    void draw(PanelContext& ctx);

private:
    std::string m_search;
    bool m_onlyPresent = false;
};

}  // namespace livedetect::ui
