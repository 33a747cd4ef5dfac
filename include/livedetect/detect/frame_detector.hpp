#pragma once
// What an inference worker runs on each frame. The Detector is the real implementation;
// tests wrap a real Detector (e.g. to make it deliberately slow) through this interface.
#include "livedetect/core/types.hpp"
#include "livedetect/detect/labels.hpp"
#include "livedetect/detect/model_spec.hpp"

#include <memory>
#include <string>

namespace livedetect {

struct DetectOutput {
    std::vector<Detection> candidates;
    StageTimings timings;  // decodeMs left 0: the capture side fills it
};

// Everything a consumer needs to label and describe results of one loaded model.
// Shared (immutable) by all results the model produced.
struct ModelDescription {
    ModelSpec spec;
    LabelMap labels;
    std::string sha256;    // of the weights file (of the config when there are no weights)
    int numClasses = 0;    // label ids the network can produce (0 when it cannot be known)
    std::string backend;   // e.g. "opencv/cpu"
};

class FrameDetector {
public:
    virtual ~FrameDetector() = default;
    // Called by one thread at a time.
    virtual DetectOutput detect(const cv::Mat& bgr) = 0;
    virtual std::shared_ptr<const ModelDescription> description() const = 0;
};

}  // namespace livedetect
