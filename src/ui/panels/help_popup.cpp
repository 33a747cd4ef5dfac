#include "ui/panels/help_popup.hpp"

#include <imgui.h>

namespace livedetect::ui {

void HelpPopup::draw() {
    if (m_openRequested) {
        ImGui::OpenPopup("Help");
        m_openRequested = false;
    }
    const ImVec2 centre(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f);
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    m_isOpen = ImGui::BeginPopupModal("Help", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
    if (!m_isOpen) return;
    static const char* const keys[][2] = {
        {"Space", "play / pause"},
        {"\u2190 / \u2192", "step one frame back / forward (review)"},
        {"S", "snapshot: annotated PNG + detections JSON"},
        {"F", "fit the video to the view"},
        {"Wheel / drag", "zoom about the mouse / pan; double-click fits"},
        {"F1 or H", "this help"},
        {"Q or Esc", "quit"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& k : keys) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(k[0]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(k[1]);
        }
        ImGui::EndTable();
    }
    ImGui::Separator();
    ImGui::TextUnformatted("Live: pick a camera in Source; \"smooth\" shows the newest frame with the latest boxes.");
    ImGui::TextUnformatted("Review: open or drop a file; pause, step, seek; the strip shows detections per frame.");
    ImGui::TextUnformatted("Tuning: move the sliders or use the class table; a paused frame updates at once.");
    ImGui::Separator();
    if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace livedetect::ui
