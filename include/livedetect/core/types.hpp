#pragma once
// Plain data passed between the capture thread, the inference workers and the consumer
// (window or headless CLI). Values, not handles: a Frame's pixels are owned (cloned when
// a backend may reuse its buffer), so any thread may read a published Frame.
#include <opencv2/core.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace livedetect {

using Clock = std::chrono::steady_clock;
struct ModelDescription;  // detect/frame_detector.hpp

struct Frame {
    cv::Mat image;                 // BGR, 8-bit, owned
    std::int64_t index = 0;        // 0-based position in the source
    double ptsMs = 0.0;            // presentation time in the source
    Clock::time_point captured{};  // when the capture thread got it
    std::uint64_t sourceId = 0;    // changes when the source is switched
    std::uint64_t epoch = 0;       // changes on seek/restart; work of an older epoch is dropped
    std::uint64_t sequence = 0;    // position in its epoch, for re-ordering results
    double decodeMs = 0.0;         // time spent reading/decoding this frame
};

struct Detection {
    cv::Rect2f box;  // source-image pixels, clipped to the image
    int classId = 0; // label id (as in the labels file), not the network column
    float score = 0.0f;
};

struct StageTimings {
    double decodeMs = 0.0;
    double preprocessMs = 0.0;
    double forwardMs = 0.0;
    double postprocessMs = 0.0;
};

// What a worker produces for one frame: every candidate above the model's floor,
// before thresholding and NMS, so consumers can re-filter without re-running the network.
struct FrameResult {
    Frame frame;
    std::vector<Detection> candidates;
    StageTimings timings;
    Clock::time_point inferenceStarted{};  // when a worker took the frame (live: its freshness)
    std::shared_ptr<const ModelDescription> model;  // labels and name of the model that ran
    std::string error;  // inference failed on this frame (candidates empty), else empty
};

}  // namespace livedetect
