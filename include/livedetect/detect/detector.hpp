#pragma once
// Detector = preprocess -> forward -> decode, around one cv::dnn::Net.
// Threading: a Detector is used by one thread at a time (cv::dnn::Net is not
// thread-safe); frame-parallel inference gives each worker its own Detector.
#include "livedetect/core/types.hpp"
#include "livedetect/detect/decode.hpp"
#include "livedetect/detect/frame_detector.hpp"

#include <opencv2/dnn.hpp>

#include <string>
#include <vector>

namespace livedetect {

struct DetectorOptions {
    int backend = cv::dnn::DNN_BACKEND_DEFAULT;
    int target = cv::dnn::DNN_TARGET_CPU;
};

class Detector final : public FrameDetector {
public:
    // Loads and validates (files, outputs, labels count against the network's classes).
    // Throws ModelLoadError naming the file and what is wrong.
    explicit Detector(ModelSpec spec, DetectorOptions options = {});

    DetectOutput detect(const cv::Mat& bgr) override;
    std::shared_ptr<const ModelDescription> description() const override { return m_description; }

    const ModelSpec& spec() const { return m_description->spec; }
    const LabelMap& labels() const { return m_description->labels; }

private:
    cv::Mat preprocess(const cv::Mat& bgr) const;
    std::vector<Detection> decode(const std::vector<cv::Mat>& outputs, cv::Size imageSize) const;
    void validateOutputs();

    std::shared_ptr<ModelDescription> m_description;
    const ModelSpec& m_spec;  // = m_description->spec
    DetectorOptions m_options;
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
std::string backendName(int backend, int target);
// "opencv/cpu" -> the choice; throws UsageError listing the available ones.
BackendChoice findBackend(const std::string& name);

}  // namespace livedetect
