#include "livedetect/detect/model_spec.hpp"

#include "livedetect/core/errors.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

namespace livedetect {
namespace fs = std::filesystem;
using nlohmann::json;

std::optional<OutputKind> parseOutputKind(const std::string& text) {
    if (text == "anchors") return OutputKind::Anchors;
    if (text == "detection_output") return OutputKind::DetectionOutput;
    return std::nullopt;
}

std::string outputKindName(OutputKind kind) {
    return kind == OutputKind::Anchors ? "anchors" : "detection_output";
}

void checkModelFiles(const ModelSpec& spec) {
    std::vector<fs::path> missing;
    auto need = [&](const fs::path& p) {
        if (!p.empty() && !fs::is_regular_file(p)) missing.push_back(p);
    };
    if (spec.model.empty() && spec.config.empty())
        throw ModelLoadError("model '" + spec.name + "': no model file given");
    need(spec.model);
    need(spec.config);
    need(spec.labels);
    if (spec.outputKind == OutputKind::Anchors) {
        if (spec.anchors.empty())
            throw ModelLoadError("model '" + spec.name +
                                 "': output kind 'anchors' needs an anchors file");
        need(spec.anchors);
    }
    if (missing.empty()) return;
    std::string msg = "model '" + spec.name + "' is missing ";
    msg += missing.size() == 1 ? "a file: " : "files: ";
    for (std::size_t i = 0; i < missing.size(); ++i)
        msg += (i ? ", " : "") + missing[i].string();
    if (!spec.filesHint.empty()) msg += " (" + spec.filesHint + ")";
    throw ModelLoadError(msg);
}

namespace {

template <typename T>
T field(const json& j, const char* key, const T& fallback) {
    return j.contains(key) ? j.at(key).get<T>() : fallback;
}

ModelSpec parsePreset(const json& j, const fs::path& dir) {
    ModelSpec s;
    s.name = j.at("name").get<std::string>();
    s.description = field<std::string>(j, "description", "");
    s.format = field<std::string>(j, "format", "onnx");
    auto path = [&](const char* key) {
        const auto name = field<std::string>(j, key, "");
        return name.empty() ? fs::path() : dir / name;
    };
    s.model = path("model");
    s.config = path("config");
    s.labels = path("labels");
    s.anchors = path("anchors");
    const auto size = field<std::vector<int>>(j, "input_size", {300, 300});
    if (size.size() != 2 || size[0] <= 0 || size[1] <= 0)
        throw std::invalid_argument("input_size must be [width, height]");
    s.inputSize = {size[0], size[1]};
    s.scale = field<double>(j, "scale", 1.0);
    const auto mean = field<std::vector<double>>(j, "mean", {0, 0, 0});
    if (mean.size() != 3) throw std::invalid_argument("mean must have 3 values");
    s.mean = cv::Scalar(mean[0], mean[1], mean[2]);
    s.swapRB = field<bool>(j, "swap_rb", false);
    s.classOffset = field<int>(j, "class_offset", 0);
    const json output = field<json>(j, "output", json::object());
    const auto kind = parseOutputKind(field<std::string>(output, "kind", "detection_output"));
    if (!kind) throw std::invalid_argument("output.kind must be anchors or detection_output");
    s.outputKind = *kind;
    s.boxesOutput = field<std::string>(output, "boxes", s.boxesOutput);
    s.scoresOutput = field<std::string>(output, "scores", s.scoresOutput);
    const auto scales = field<std::vector<float>>(output, "box_coder_scales", {10, 10, 5, 5});
    if (scales.size() != 4) throw std::invalid_argument("box_coder_scales must have 4 values");
    std::copy(scales.begin(), scales.end(), s.boxCoderScales.begin());
    const auto activation = field<std::string>(output, "score_activation", "none");
    if (activation != "none" && activation != "sigmoid")
        throw std::invalid_argument("score_activation must be none or sigmoid");
    s.scoreActivation = activation == "sigmoid" ? ScoreActivation::Sigmoid : ScoreActivation::None;
    const json defaults = field<json>(j, "defaults", json::object());
    s.defaultConfidence = field<float>(defaults, "confidence", s.defaultConfidence);
    s.defaultNms = field<float>(defaults, "nms", s.defaultNms);
    s.candidateFloor = field<float>(defaults, "candidate_floor", s.candidateFloor);
    s.filesHint = field<std::string>(j, "files_hint", "");
    return s;
}

}  // namespace

PresetCatalog PresetCatalog::load(const fs::path& modelsJson) {
    std::ifstream in(modelsJson);
    if (!in) throw UsageError("model presets " + modelsJson.string() + ": cannot be read");
    PresetCatalog catalog;
    catalog.m_file = modelsJson;
    std::string current;
    try {
        const json root = json::parse(in);
        catalog.m_default = root.at("default").get<std::string>();
        for (const auto& preset : root.at("presets")) {
            current = preset.value("name", std::string("?"));
            catalog.m_presets.push_back(parsePreset(preset, modelsJson.parent_path()));
        }
    } catch (const std::exception& e) {
        throw UsageError("model presets " + modelsJson.string() +
                         (current.empty() ? "" : ", preset '" + current + "'") + ": " + e.what());
    }
    if (!catalog.find(catalog.m_default))
        throw UsageError("model presets " + modelsJson.string() + ": default preset '" +
                         catalog.m_default + "' is not defined");
    return catalog;
}

const ModelSpec* PresetCatalog::find(const std::string& name) const {
    for (const auto& p : m_presets)
        if (p.name == name) return &p;
    return nullptr;
}

const ModelSpec& PresetCatalog::get(const std::string& name) const {
    if (const auto* p = find(name)) return *p;
    std::string known;
    for (const auto& p : m_presets) known += (known.empty() ? "" : ", ") + p.name;
    throw UsageError("unknown model preset '" + name + "' (known: " + known + ")");
}

fs::path defaultModelsDir() {
    if (const char* env = std::getenv("LIVEDETECT_MODELS_DIR"); env && *env) return env;
    return LIVEDETECT_SOURCE_MODELS_DIR;
}

}  // namespace livedetect
