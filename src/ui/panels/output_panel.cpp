#include "ui/panels/output_panel.hpp"

#include "ui/session.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace livedetect::ui {

void OutputPanel::draw(PanelContext& ctx) {
    Session& s = ctx.session;
    Settings& settings = s.settings();
    if (!m_dirLoaded) {
        m_dirLoaded = true;
        m_dir = s.outputDir().string();
    }
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Folder").x - ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::InputText("Folder", &m_dir)) settings.outputDir = m_dir;

    if (ImGui::Button("Snapshot (S)")) s.snapshot();
    ctx.locator.mark("output.snapshot");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Annotated PNG of the frame on screen + its detections as JSON");

    ImGui::SameLine();
    OutputWorker& out = s.outputs();
    const bool recording = out.recording();
    if (recording) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.75f, 0.15f, 0.15f, 1.f));
    if (ImGui::Button(recording ? "Stop recording" : "Record")) s.toggleRecording();
    if (recording) ImGui::PopStyleColor();
    ctx.locator.mark("output.record");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.f);
    if (ImGui::BeginCombo("##recext", settings.recordExtension.c_str())) {
        for (const char* ext : {".mp4", ".avi", ".mkv"})
            if (ImGui::Selectable(ext, settings.recordExtension == ext)) settings.recordExtension = ext;
        ImGui::EndCombo();
    }

    const bool exporting = out.exporting();
    if (exporting) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.75f, 0.15f, 0.15f, 1.f));
    if (ImGui::Button(exporting ? "Stop export" : "Export detections")) s.toggleExport();
    if (exporting) ImGui::PopStyleColor();
    ctx.locator.mark("output.export");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Write the detections of every frame analysed from now on (filter as set now)");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.f);
    if (ImGui::BeginCombo("##expext", settings.exportExtension.c_str())) {
        for (const char* ext : {".jsonl", ".csv", ".txt"})
            if (ImGui::Selectable(ext, settings.exportExtension == ext)) settings.exportExtension = ext;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip(".txt is the MOT-challenge format");
        ImGui::EndCombo();
    }
    if (recording)
        ImGui::TextDisabled("recording %s: %lld frames", out.recordingPath().filename().string().c_str(),
                            static_cast<long long>(out.recordedFrames()));
    if (exporting) ImGui::TextDisabled("exporting %s", out.exportPath().filename().string().c_str());
    if (const auto dropped = out.droppedFrames())
        ImGui::TextColored(ImVec4(1.f, 0.6f, 0.3f, 1.f), "%llu frames not written (disk too slow)",
                           static_cast<unsigned long long>(dropped));
}

}  // namespace livedetect::ui
