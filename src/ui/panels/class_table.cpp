#include "ui/panels/class_table.hpp"

#include "livedetect/core/palette.hpp"
#include "ui/session.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace livedetect::ui {

namespace {

bool containsNoCase(const std::string& text, const std::string& part) {
    return std::search(text.begin(), text.end(), part.begin(), part.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           }) != text.end();
}

}  // namespace

void ClassTable::draw(PanelContext& ctx) {
    Session& s = ctx.session;
    const auto model = s.activeModel();
    if (!model) {
        ImGui::TextDisabled("no model running");
        return;
    }
    const LabelMap& labels = model->labels;
    FilterSettings& f = s.filter();
    std::map<int, int> counts;
    for (const auto& d : s.detections()) ++counts[d.classId];

    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::InputTextWithHint("##search", "search classes", &m_search);
    ImGui::SameLine();
    ImGui::Checkbox("In this frame", &m_onlyPresent);
    if (ImGui::SmallButton("All"))
        for (int id : labels.ids()) f.classes[id].enabled = true;
    ImGui::SameLine();
    if (ImGui::SmallButton("None"))
        for (int id : labels.ids()) f.classes[id].enabled = false;
    ImGui::SameLine();
    if (ImGui::SmallButton("Reset")) f.classes.clear();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every class on, with the global threshold");

    std::vector<int> rows;
    for (int id : labels.ids()) {
        if (!m_search.empty() && !containsNoCase(labels.name(id), m_search)) continue;
        if (m_onlyPresent && !counts.count(id)) continue;
        rows.push_back(id);
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    const float height = ImGui::GetTextLineHeightWithSpacing() * 12.f;
    if (!ImGui::BeginTable("classes", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("On", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Class", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Threshold", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const int id = rows[static_cast<std::size_t>(row)];
            const std::string name = labels.name(id);
            ImGui::PushID(id);
            ImGui::TableNextRow();

            ImGui::TableNextColumn();
            bool enabled = f.enabled(id);
            if (ImGui::Checkbox("##on", &enabled)) f.classes[id].enabled = enabled;
            ctx.locator.mark("classes.enable." + name);

            ImGui::TableNextColumn();
            const Rgb c = classColor(id);
            const float sw = ImGui::GetTextLineHeight();
            ImGui::ColorButton("##color", ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1.f),
                               ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoDragDrop, ImVec2(sw, sw));
            ImGui::SameLine();
            if (enabled)
                ImGui::TextUnformatted(name.c_str());
            else
                ImGui::TextDisabled("%s", name.c_str());

            ImGui::TableNextColumn();
            const bool own = f.classes.count(id) && f.classes[id].threshold >= 0.f;
            float threshold = f.thresholdFor(id);
            ImGui::SetNextItemWidth(-ImGui::GetFrameHeight() - ImGui::GetStyle().ItemSpacing.x);
            if (!own) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.55f);
            if (ImGui::SliderFloat("##thr", &threshold, 0.f, 1.f, own ? "%.2f" : "%.2f (global)",
                                   ImGuiSliderFlags_AlwaysClamp))
                f.classes[id].threshold = threshold;
            if (!own) ImGui::PopStyleVar();
            ImGui::SameLine();
            if (own) {
                if (ImGui::Button("x", ImVec2(ImGui::GetFrameHeight(), 0))) f.classes[id].threshold = -1.f;
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("Use the global confidence again");
            } else {
                ImGui::Dummy(ImVec2(ImGui::GetFrameHeight(), 0));
            }

            ImGui::TableNextColumn();
            if (auto it = counts.find(id); it != counts.end())
                ImGui::Text("%d", it->second);
            else
                ImGui::TextDisabled("0");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace livedetect::ui
