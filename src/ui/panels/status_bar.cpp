#include "ui/panels/status_bar.hpp"

#include "ui/session.hpp"

#include <imgui.h>

namespace livedetect::ui {

namespace {

ImVec4 colorOf(NoticeLevel level) {
    switch (level) {
    case NoticeLevel::Error: return {1.f, 0.42f, 0.38f, 1.f};
    case NoticeLevel::Warning: return {1.f, 0.78f, 0.3f, 1.f};
    case NoticeLevel::Info: break;
    }
    return {0.75f, 0.8f, 0.85f, 1.f};
}

ImVec4 colorOf(PipelineState state) {
    switch (state) {
    case PipelineState::Running: return {0.4f, 0.9f, 0.5f, 1.f};
    case PipelineState::Paused: return {0.6f, 0.75f, 1.f, 1.f};
    case PipelineState::Reconnecting:
    case PipelineState::Opening: return {1.f, 0.78f, 0.3f, 1.f};
    case PipelineState::Failed: return {1.f, 0.42f, 0.38f, 1.f};
    case PipelineState::Idle:
    case PipelineState::Finished: break;
    }
    return {0.75f, 0.75f, 0.75f, 1.f};
}

}  // namespace

void StatusBar::draw(PanelContext& ctx, double uiFrameMs) {
    Session& s = ctx.session;
    const PipelineStatus& st = s.status();

    std::string state = pipelineStateName(st.state);
    if (st.state == PipelineState::Reconnecting)
        state += " (attempt " + std::to_string(st.reconnectAttempt) + ")";
    if (st.modelLoading) state += ", loading model";
    ImGui::TextColored(colorOf(st.state), "%s", state.c_str());
    if ((st.state == PipelineState::Reconnecting || st.state == PipelineState::Failed) && !st.message.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(colorOf(st.state), "— %s", st.message.c_str());
    }
    if (st.hasSource) {
        ImGui::SameLine();
        ImGui::TextDisabled("| %s", st.source.description.c_str());
    }

    // The latest notice: info fades after 8 s, warnings and errors stay until replaced.
    const auto& notices = s.notices();
    if (!notices.empty()) {
        const Notice& n = notices.back();
        const bool fresh = Clock::now() - n.at < std::chrono::seconds(8);
        if (n.level != NoticeLevel::Info || fresh) {
            ImGui::SameLine();
            ImGui::TextColored(colorOf(n.level), "| %s", n.text.c_str());
            ctx.locator.mark("status.notice");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click for the recent messages");
            if (ImGui::IsItemClicked()) ImGui::OpenPopup("notices");
        }
    }
    if (ImGui::BeginPopup("notices")) {
        for (auto it = notices.rbegin(); it != notices.rend(); ++it) ImGui::TextColored(colorOf(it->level), "%s", it->text.c_str());
        ImGui::EndPopup();
    }

    // Right-aligned: recording and the cost of a UI frame.
    char right[96];
    std::snprintf(right, sizeof right, "%sUI %.1f ms/frame", s.outputs().recording() ? "\u25CF REC   " : "", uiFrameMs);
    const float w = ImGui::CalcTextSize(right).x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
    if (s.outputs().recording())
        ImGui::TextColored(ImVec4(1.f, 0.35f, 0.35f, 1.f), "%s", right);
    else
        ImGui::TextDisabled("%s", right);
}

}  // namespace livedetect::ui
