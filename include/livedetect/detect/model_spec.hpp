#pragma once
// What the detector needs to know about a network: its files, how to preprocess, how to
// read its outputs. Presets come from models/models.json; a user may also describe a
// model with command-line flags (see app/cli_options).
#include <opencv2/core.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace livedetect {

enum class OutputKind {
    Anchors,          // raw SSD heads [1,N,4] box encodings + [1,N,C] scores, anchors in a file
    DetectionOutput,  // one [1,1,K,7] blob: image id, class, score, x0, y0, x1, y1 (normalized)
};
enum class ScoreActivation { None, Sigmoid };

std::optional<OutputKind> parseOutputKind(const std::string& text);
std::string outputKindName(OutputKind kind);

struct ModelSpec {
    std::string name = "custom";
    std::string description;
    std::string format = "onnx";   // onnx | caffe | tensorflow | darknet | torch (cv::dnn::readNet)
    std::filesystem::path model;   // weights; may be empty for a Caffe prototxt without weights
    std::filesystem::path config;  // prototxt / pbtxt / cfg, when the format has one
    std::filesystem::path labels;
    std::filesystem::path anchors;  // Anchors kind only: "yc xc h w" per line, normalized
    cv::Size inputSize{300, 300};
    double scale = 1.0;
    cv::Scalar mean{0, 0, 0};
    bool swapRB = false;
    OutputKind outputKind = OutputKind::DetectionOutput;
    int classOffset = 0;  // network class c is label id c - classOffset (1 skips background)
    // Anchors kind only.
    std::string boxesOutput = "box_encodings";
    std::string scoresOutput = "class_scores";
    std::array<float, 4> boxCoderScales{10.f, 10.f, 5.f, 5.f};  // y, x, h, w
    ScoreActivation scoreActivation = ScoreActivation::None;
    // Defaults a consumer starts its filter with, and the floor below which a worker
    // does not keep candidates at all.
    float defaultConfidence = 0.5f;
    float defaultNms = 0.45f;
    float candidateFloor = 0.05f;
    // Where the user gets the files when they are missing (shown in the error).
    std::string filesHint;
};

// Throws ModelLoadError naming every missing file, where to put it and how to get it.
void checkModelFiles(const ModelSpec& spec);

// models.json: an ordered list of presets; file names are relative to its folder.
class PresetCatalog {
public:
    // Throws UsageError naming the file when it is missing or malformed.
    static PresetCatalog load(const std::filesystem::path& modelsJson);

    const std::vector<ModelSpec>& presets() const { return m_presets; }
    const ModelSpec* find(const std::string& name) const;
    // Throws UsageError listing the known presets when the name is unknown.
    const ModelSpec& get(const std::string& name) const;
    const std::string& defaultName() const { return m_default; }
    const std::filesystem::path& file() const { return m_file; }

private:
    std::filesystem::path m_file;
    std::string m_default;
    std::vector<ModelSpec> m_presets;
};

// $LIVEDETECT_MODELS_DIR, else the models/ folder of the source tree this was built from.
std::filesystem::path defaultModelsDir();

}  // namespace livedetect
