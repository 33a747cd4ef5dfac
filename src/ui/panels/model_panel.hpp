#pragma once
// Model picker: the presets of models.json (missing files marked; choosing one hot-swaps
// through the pipeline, which keeps the old model on failure), the dnn backend/target
// choices this OpenCV offers, the worker count, and what the running model is.
#include "livedetect/detect/detector.hpp"
#include "ui/panels/panel_context.hpp"

#include <string>
#include <vector>

namespace livedetect::ui {

class ModelPanel {
public:
    void draw(PanelContext& ctx);

private:
    std::vector<BackendChoice> m_backends;
    bool m_haveBackends = false;
    std::vector<std::string> m_missing;  // preset names whose files are missing
    bool m_checkedFiles = false;
    int m_workers = 0;
    bool m_editingWorkers = false;
};

}  // namespace livedetect::ui
