#include "ui/panels/panel_context.hpp"

#include <imgui.h>
#include <imgui_internal.h>

namespace livedetect::ui {

void ItemLocator::mark(const std::string& id) {
    if (!m_enabled) return;
    // The navigation rectangle is the widget's frame without its label (for a slider, the
    // track the mouse maps to a value), which is what a test needs to aim at.
    const ImRect& r = ImGui::GetCurrentContext()->LastItemData.NavRect;
    m_items[id] = {r.Min.x, r.Min.y, r.Max.x, r.Max.y};
}

std::optional<ItemLocator::Rect> ItemLocator::find(const std::string& id) const {
    if (auto it = m_items.find(id); it != m_items.end()) return it->second;
    return std::nullopt;
}

}  // namespace livedetect::ui
