#include "ui/panels/model_panel.hpp"

#include "livedetect/core/errors.hpp"
#include "ui/session.hpp"

#include <imgui.h>

#include <algorithm>

namespace livedetect::ui {

void ModelPanel::draw(PanelContext& ctx) {
    Session& s = ctx.session;
    const auto model = s.activeModel();
    const PipelineStatus& st = s.status();

    if (const PresetCatalog* catalog = s.catalog()) {
        if (!m_checkedFiles) {
            // Once: a few stat() calls, not worth a thread.
            m_checkedFiles = true;
            for (const auto& p : catalog->presets()) try {
                    checkModelFiles(p);
                } catch (const ModelLoadError&) {
                    m_missing.push_back(p.name);
                }
        }
        const std::string current = model ? model->spec.name : s.requestedModelName();
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##preset", current.empty() ? "choose a model" : current.c_str())) {
            for (const auto& p : catalog->presets()) {
                const bool missing = std::count(m_missing.begin(), m_missing.end(), p.name) > 0;
                const std::string label = p.name + (missing ? "  (files missing)" : "");
                if (ImGui::Selectable(label.c_str(), p.name == current)) s.loadPreset(p.name);
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("%s%s%s", p.description.c_str(), missing ? "\n" : "",
                                      missing ? p.filesHint.c_str() : "");
            }
            ImGui::EndCombo();
        }
        ctx.locator.mark("model.preset");
    } else {
        ImGui::TextDisabled("no models.json (see the status bar)");
    }
    if (st.modelLoading) {
        ImGui::SameLine();
        ImGui::TextDisabled("loading…");
    }
    if (!st.modelError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.f, 0.45f, 0.4f, 1.f));
        ImGui::TextWrapped("%s", st.modelError.c_str());
        ImGui::PopStyleColor();
    }

    if (!m_haveBackends) {
        m_haveBackends = true;
        m_backends = availableBackends();
    }
    const std::string backend = model ? model->backend : s.settings().backend;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    if (ImGui::BeginCombo("Backend", backend.empty() ? "default" : backend.c_str())) {
        for (const auto& b : m_backends)
            if (ImGui::Selectable(b.name.c_str(), b.name == backend)) s.setBackend(b.name);
        ImGui::EndCombo();
    }
    // Changing the count reloads the detectors: applied on release, not at every step.
    if (!m_editingWorkers) m_workers = st.workers;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::SliderInt("Workers", &m_workers, 1, 8);
    m_editingWorkers = ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit() && m_workers != st.workers) s.setWorkers(m_workers);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Inference workers (review: frames in parallel; live: one is usual)");

    if (model) {
        ImGui::TextDisabled("input %dx%d, %d classes, %d thread%s/worker", model->spec.inputSize.width,
                            model->spec.inputSize.height, model->numClasses ? model->numClasses : model->labels.idCount(),
                            st.threadsPerWorker, st.threadsPerWorker == 1 ? "" : "s");
    }
}

}  // namespace livedetect::ui
