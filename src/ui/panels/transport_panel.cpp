#include "ui/panels/transport_panel.hpp"

#include "ui/session.hpp"

#include <imgui.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace livedetect::ui {

namespace {

std::string timeText(double ms) {
    const auto total = static_cast<long long>(ms / 1000.0);
    char text[32];
    std::snprintf(text, sizeof text, "%lld:%02lld.%01lld", total / 60, total % 60,
                  static_cast<long long>(ms / 100.0) % 10);
    return text;
}

}  // namespace

void TransportPanel::draw(PanelContext& ctx) {
    Session& s = ctx.session;
    const PipelineStatus& st = s.status();
    const auto& shown = s.shown();
    const bool paused = st.state == PipelineState::Paused;
    const bool review = st.hasSource && !st.live;
    const float button = ImGui::GetFrameHeight() * 1.6f;

    if (review) {
        if (ImGui::Button("\u25C0|", ImVec2(button, 0))) s.stepBackward();  // ◀|
        ctx.locator.mark("transport.back");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step back one frame (Left)");
        ImGui::SameLine();
    }
    if (ImGui::Button(paused ? "\u25B6" : "||", ImVec2(button, 0))) s.togglePause();  // ▶
    ctx.locator.mark("transport.play");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(paused ? "Play (Space)" : "Pause (Space)");
    if (review) {
        ImGui::SameLine();
        if (ImGui::Button("|\u25B6", ImVec2(button, 0))) s.stepForward();
        ctx.locator.mark("transport.forward");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step forward one frame (Right)");
    }

    const std::int64_t position = shown ? shown->frame.index : std::max<std::int64_t>(st.position, 0);
    ImGui::SameLine();
    ImGui::Text("frame %" PRId64, position);
    if (shown) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", timeText(shown->frame.ptsMs).c_str());
    }

    if (!review) return;
    const std::int64_t frameCount = std::max<std::int64_t>(s.timeline().frameCount(), st.source.frameCount);

    // Pacing and loop on the right of the same row.
    Settings& settings = s.settings();
    ImGui::SameLine();
    bool realtime = settings.realtime;
    if (ImGui::Checkbox("Real time", &realtime)) s.setPacing(realtime, settings.speed);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Off: analyse as fast as the workers can");
    if (realtime) {
        ImGui::SameLine();
        float speed = settings.speed;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.f);
        if (ImGui::SliderFloat("##speed", &speed, 0.25f, 4.f, "%.2fx", ImGuiSliderFlags_Logarithmic))
            s.setPacing(true, speed);
    }
    ImGui::SameLine();
    bool loop = settings.loop;
    if (ImGui::Checkbox("Loop", &loop)) s.setLoop(loop);

    if (frameCount > 0) {
        if (!m_dragging) m_seekValue = position;
        ImGui::SetNextItemWidth(-1);
        const std::int64_t last = frameCount - 1, zero = 0;
        const bool changed = ImGui::SliderScalar("##seek", ImGuiDataType_S64, &m_seekValue, &zero, &last, "%" PRId64);
        ctx.locator.mark("transport.seek");
        m_dragging = ImGui::IsItemActive();
        // While dragging, seek at most ~7 times a second (each seek discards work in
        // flight); always on release.
        const auto now = Clock::now();
        if ((changed && now - m_lastSeek > std::chrono::milliseconds(150)) || ImGui::IsItemDeactivatedAfterEdit()) {
            s.seek(m_seekValue);
            m_lastSeek = now;
        }
        drawTimeline(ctx, frameCount, position);
    }
}

void TransportPanel::drawTimeline(PanelContext& ctx, std::int64_t frameCount, std::int64_t position) {
    Session& s = ctx.session;
    const Timeline& t = s.timeline();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, height = ImGui::GetFrameHeight() * 1.2f;
    ImGui::InvisibleButton("##timeline", ImVec2(std::max(width, 1.f), height));
    ctx.locator.mark("transport.timeline");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), IM_COL32(30, 30, 34, 255));

    const int bins = std::max(1, static_cast<int>(width));
    const auto counts = t.bins(bins);
    const float peak = static_cast<float>(std::max(1, t.maxCount()));
    for (int i = 0; i < bins; ++i) {
        const int c = counts[static_cast<std::size_t>(i)];
        const float x = p0.x + static_cast<float>(i) * width / static_cast<float>(bins);
        if (c < 0) continue;
        // Analysed frames get a faint base line; detections a bar scaled to the peak.
        dl->AddLine(ImVec2(x, p0.y + height - 1), ImVec2(x + 1, p0.y + height - 1), IM_COL32(90, 90, 100, 255));
        if (c > 0) {
            const float h = (height - 2.f) * (0.15f + 0.85f * static_cast<float>(c) / peak);
            dl->AddRectFilled(ImVec2(x, p0.y + height - h), ImVec2(x + std::max(1.f, width / bins), p0.y + height),
                              IM_COL32(80, 170, 255, 220));
        }
    }
    const float px = p0.x + width * static_cast<float>(position) / static_cast<float>(std::max<std::int64_t>(frameCount, 1));
    dl->AddLine(ImVec2(px, p0.y), ImVec2(px, p0.y + height), IM_COL32(255, 255, 255, 230), 2.f);

    if (ImGui::IsItemHovered() && width > 0) {
        const float u = std::clamp((ImGui::GetIO().MousePos.x - p0.x) / width, 0.f, 1.f);
        const auto frame = std::min<std::int64_t>(static_cast<std::int64_t>(u * static_cast<float>(frameCount)), frameCount - 1);
        const int c = t.count(frame);
        if (c < 0)
            ImGui::SetTooltip("frame %" PRId64 ": not analysed yet", frame);
        else
            ImGui::SetTooltip("frame %" PRId64 ": %d detection%s", frame, c, c == 1 ? "" : "s");
        if (ImGui::IsItemClicked()) s.seek(frame);
    }
    ImGui::TextDisabled("%" PRId64 " of %" PRId64 " frames analysed", t.analysedFrames(), frameCount);
    ImGui::SameLine();
    if (ImGui::SmallButton("Next with detections")) {
        const auto next = t.nextWithDetections(position);
        if (next >= 0) s.seek(next);
    }
}

}  // namespace livedetect::ui
