#include "ui/panels/source_panel.hpp"

#include "ui/default_source.hpp"
#include "ui/session.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

namespace livedetect::ui {

void SourcePanel::draw(PanelContext& ctx) {
    Session& s = ctx.session;
    const PipelineStatus& st = s.status();
    if (st.hasSource) {
        ImGui::TextWrapped("%s", st.source.description.c_str());
        ImGui::TextDisabled("%s, %dx%d%s%s", sourceKindName(st.source.kind).c_str(), st.source.size.width,
                            st.source.size.height, st.source.fps > 0 ? ", " : "",
                            st.source.fps > 0 ? (std::to_string(static_cast<int>(st.source.fps + 0.5)) + " fps").c_str() : "");
    } else {
        ImGui::TextDisabled("no source");
    }
    if (!s.sourceNote().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.f, 0.8f, 0.3f, 1.f));
        ImGui::TextWrapped("%s", s.sourceNote().c_str());
        ImGui::PopStyleColor();
    }

    // Path, pipeline or URL, as on the command line.
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Open").x - ImGui::GetStyle().FramePadding.x * 2 -
                            ImGui::GetStyle().ItemSpacing.x);
    const bool enter = ImGui::InputTextWithHint("##path", "file, folder, camera index, URL or pipeline", &m_path,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ctx.locator.mark("source.path");
    ImGui::SameLine();
    if ((ImGui::Button("Open") || enter) && !m_path.empty()) s.openSource(m_path);

    const auto& recent = s.settings().recentFiles;
    if (!recent.empty()) {
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##recent", "Recent files…")) {
            for (const auto& file : recent)
                if (ImGui::Selectable(file.c_str())) {
                    m_path = file;
                    s.openSource(file);
                }
            ImGui::EndCombo();
        }
    }

    if (ImGui::Button(m_probe.running() ? "Looking for cameras…" : "Find cameras") && !m_probe.running()) {
        // The camera running now cannot be opened a second time; it is listed as found.
        std::set<int> running;
        if (st.hasSource && st.source.cameraIndex >= 0) running.insert(st.source.cameraIndex);
        m_probe.start(4, running);
    }
    if (auto found = m_probe.takeResult()) {
        m_cameras = *found;
        m_probed = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Sample clip")) {
        const auto clip = sampleClipPath();
        if (clip.empty())
            s.notify(NoticeLevel::Warning, "no sample clip: run the set-up or set LIVEDETECT_SAMPLE_CLIP");
        else
            s.openSource(clip.string());
    }
    if (m_probed) {
        if (m_cameras.empty()) ImGui::TextDisabled("no camera opens");
        for (int index : m_cameras) {
            const std::string label = "Camera " + std::to_string(index);
            if (ImGui::Button(label.c_str())) s.openSource(std::to_string(index));
            ImGui::SameLine();
        }
        if (!m_cameras.empty()) ImGui::NewLine();
    }

    ImGui::TextDisabled("Live display:");
    ImGui::SameLine();
    bool& smooth = s.settings().smoothDisplay;
    if (ImGui::RadioButton("synced", !smooth)) smooth = false;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the inferred frame with its own boxes");
    ImGui::SameLine();
    if (ImGui::RadioButton("smooth", smooth)) smooth = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Show the newest captured frame with the latest boxes (live sources)");
}

}  // namespace livedetect::ui
