#include "ui/panels/stats_panel.hpp"

#include "ui/session.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace livedetect::ui {

namespace {

template <std::size_t N>
void plot(const char* id, const PlotHistory<N>& h, const char* unit) {
    char overlay[48];
    std::snprintf(overlay, sizeof overlay, "%.1f %s", static_cast<double>(h.last()), unit);
    ImGui::PlotLines(id, h.data(), h.count(), h.offset(), overlay, 0.f, std::max(1.f, h.max() * 1.15f),
                     ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight() * 2.2f));
}

}  // namespace

void StatsPanel::sample(PanelContext& ctx, double uiFrameMs) {
    m_uiMsWorst = std::max(m_uiMsWorst, uiFrameMs);
    const auto now = Clock::now();
    if (now - m_lastSample < std::chrono::milliseconds(100)) return;
    m_lastSample = now;
    const MetricsSnapshot& m = ctx.session.status().metrics;
    m_capture.push(static_cast<float>(m.capture.windowFps));
    m_inference.push(static_cast<float>(m.inference.windowFps));
    m_display.push(static_cast<float>(m.consume.windowFps));
    m_forward.push(static_cast<float>(m.of(Stage::Forward).lastMs));
    m_age.push(static_cast<float>(m.of(Stage::FrameAge).lastMs));
    m_ui.push(static_cast<float>(m_uiMsWorst));  // worst frame of the interval: spikes show
    m_uiMsWorst = 0.0;
}

void StatsPanel::draw(PanelContext& ctx) {
    const PipelineStatus& st = ctx.session.status();
    const MetricsSnapshot& m = st.metrics;
    ImGui::Text("capture %.1f  inference %.1f  display %.1f fps", m.capture.windowFps, m.inference.windowFps,
                m.consume.windowFps);
    plot("##inference", m_inference, "inferences/s");
    plot("##display", m_display, "frames shown/s");

    if (ImGui::BeginTable("latency", 4, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("stage");
        ImGui::TableSetupColumn("last ms");
        ImGui::TableSetupColumn("p50");
        ImGui::TableSetupColumn("p95");
        ImGui::TableHeadersRow();
        const std::pair<Stage, const char*> stages[] = {{Stage::Decode, "decode"},
                                                        {Stage::Preprocess, "preprocess"},
                                                        {Stage::Forward, "forward"},
                                                        {Stage::Postprocess, "postprocess"},
                                                        {Stage::FrameAge, "frame age"}};
        for (const auto& [stage, name] : stages) {
            const LatencyFigures& l = m.of(stage);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(name);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f", l.lastMs);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f", l.p50Ms);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f", l.p95Ms);
        }
        ImGui::EndTable();
    }
    plot("##forward", m_forward, "ms forward");
    plot("##age", m_age, "ms frame age");
    plot("##ui", m_ui, "ms UI frame (worst/100 ms)");

    ImGui::Text("dropped %llu  discarded %llu  queue %zu  results %zu", static_cast<unsigned long long>(m.dropped),
                static_cast<unsigned long long>(m.discarded), m.queueDepth, m.resultDepth);
    ImGui::Text("workers %d × %d thread%s", st.workers, st.threadsPerWorker, st.threadsPerWorker == 1 ? "" : "s");
    if (const auto& model = st.model) {
        ImGui::Text("%s", model->spec.name.c_str());
        ImGui::TextDisabled("input %dx%d, backend %s", model->spec.inputSize.width, model->spec.inputSize.height,
                            model->backend.c_str());
    }
}

}  // namespace livedetect::ui
