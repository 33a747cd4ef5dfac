#pragma once
// Detector = preprocess -> forward -> decode, around one cv::dnn::Net.
// Threading: a Detector is used by one thread at a time (cv::dnn::Net is not
// thread-safe); frame-parallel inference gives each worker its own Detector.
#include "livedetect/core/types.hpp"
#include "livedetect/detect/decode.hpp"
#include "livedetect/detect/labels.hpp"
#include "livedetect/detect/model_spec.hpp"

#include <opencv2/dnn.hpp>

#include <string>
#include <vector>

namespace livedetect {

struct DetectorOptions {
    int backend = cv::dnn::DNN_BACKEND_DEFAULT;
    int target = cv::dnn::DNN_TARGET_CPU;
};

struct DetectOutput {
    std::vector<Detection> candidates;
    StageTimings timings;  // decodeMs left 0: the capture side fills it
};

// What is known about a loaded model, for headers of exports and the stats panel.
struct ModelInfo {
    std::string name;
    std::string sha256;  // of the weights file (of the config when there are no weights)
    cv::Size inputSize;
    OutputKind outputKind;
    int numClasses = 0;  // label ids the network can produce (0 when it cannot be known)
};

class Detector {
public:
    // Loads and validates (files, outputs, labels count against the network's classes).
    // Throws ModelLoadError naming the file and what is wrong.
    explicit Detector(ModelSpec spec, DetectorOptions options = {});

    DetectOutput detect(const cv::Mat& bgr);

    const ModelSpec& spec() const { return m_spec; }
    const LabelMap& labels() const { return m_labels; }
    const ModelInfo& info() const { return m_info; }
    const DetectorOptions& options() const { return m_options; }

private:
    cv::Mat preprocess(const cv::Mat& bgr) const;
    std::vector<Detection> decode(const std::vector<cv::Mat>& outputs, cv::Size imageSize) const;
    void validateOutputs();

    ModelSpec m_spec;
    DetectorOptions m_options;
    LabelMap m_labels;
    ModelInfo m_info;
    std::vector<Anchor> m_anchors;
    cv::dnn::Net m_net;
    std::vector<std::string> m_outputNames;
};

// Backend/target pairs this OpenCV build offers, with names for menus and flags.
struct BackendChoice {
    int backend;
    int target;
    std::string name;  // e.g. "opencv/cpu"
};
std::vector<BackendChoice> availableBackends();

}  // namespace livedetect
