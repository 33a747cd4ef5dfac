#pragma once
// Plain data passed between the capture thread, the inference workers and the consumer
// (window or headless CLI). Values, not handles: a Frame's pixels are owned (cloned when
// a backend may reuse its buffer), so any thread may read a published Frame.
#include <opencv2/core.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace livedetect {

using Clock = std::chrono::steady_clock;

struct Frame {
    cv::Mat image;                 // BGR, 8-bit, owned
    std::int64_t index = 0;        // 0-based position in the source
    double ptsMs = 0.0;            // presentation time in the source
    Clock::time_point captured{};  // when the capture thread got it
    std::uint64_t sourceId = 0;    // changes when the source is switched
    std::uint64_t epoch = 0;       // changes on seek/source switch; stale work is dropped
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
    std::string modelId;
};

}  // namespace livedetect
