#include "ui/panels/filter_panel.hpp"

#include "ui/session.hpp"

#include <imgui.h>

namespace livedetect::ui {

void FilterPanel::draw(PanelContext& ctx) {
    Session& s = ctx.session;
    FilterSettings& f = s.filter();
    const float width = ImGui::GetContentRegionAvail().x * 0.62f;

    ImGui::SetNextItemWidth(width);
    ImGui::SliderFloat("Confidence", &f.confidence, 0.f, 1.f, "%.2f", ImGuiSliderFlags_AlwaysClamp);
    ctx.locator.mark("filter.confidence");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Boxes below this score are hidden (Ctrl+click to type)");

    ImGui::SetNextItemWidth(width);
    ImGui::SliderFloat("NMS IoU", &f.nmsIou, 0.f, 1.f, "%.2f", ImGuiSliderFlags_AlwaysClamp);
    ctx.locator.mark("filter.nms");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A box overlapping a better one by more than this is removed");

    ImGui::Checkbox("Class-agnostic NMS", &f.classAgnostic);
    ctx.locator.mark("filter.agnostic");

    ImGui::SetNextItemWidth(width);
    ImGui::SliderInt("Max boxes", &f.maxDetections, 0, 300, f.maxDetections <= 0 ? "no limit" : "%d");

    Settings& settings = s.settings();
    ImGui::Checkbox("Labels", &settings.showLabels);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::SliderFloat("Line", &settings.boxThickness, 1.f, 6.f, "%.0f px");
}

}  // namespace livedetect::ui
