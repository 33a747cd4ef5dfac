#pragma once
// An inference worker: owns a thread and one FrameDetector (its own cv::dnn::Net).
// Review mode: pops frames from the ReviewQueue and pushes results into OrderedResults.
// Live mode: takes the newest frame from the LatestFrameMailbox and publishes the
// result as the newest one (an older result never replaces a newer one).
// Workers keep every candidate; thresholds are the consumer's business.
#include "livedetect/capture/capture_thread.hpp"
#include "livedetect/detect/frame_detector.hpp"

#include <atomic>
#include <memory>
#include <thread>

namespace livedetect {

using ResultPtr = std::shared_ptr<const FrameResult>;
using LatestResult = LatestValue<ResultPtr>;

struct WorkerContext {
    Metrics* metrics = nullptr;
    FrameQueue* queue = nullptr;          // review
    OrderedResults* results = nullptr;    // review
    LatestFrameMailbox* mailbox = nullptr;  // live
    LatestResult* latest = nullptr;         // live
    std::atomic<std::uint64_t>* newestPublished = nullptr;  // live: sequence + 1 of the newest result
    int niceness = 0;  // > 0: this worker's thread yields the CPU to others (see PipelineOptions)
};

class InferenceWorker {
public:
    InferenceWorker(WorkerContext context, std::unique_ptr<FrameDetector> detector);
    ~InferenceWorker();  // requests stop and joins (a frame being inferred is finished first)
    InferenceWorker(const InferenceWorker&) = delete;
    InferenceWorker& operator=(const InferenceWorker&) = delete;

    void requestStop() { m_thread.request_stop(); }
    // Joins, then hands the detector back for the next set of workers.
    std::unique_ptr<FrameDetector> release();

private:
    void run(std::stop_token stop);
    ResultPtr infer(Frame frame);
    void publishLive(ResultPtr result);

    WorkerContext m_ctx;
    std::unique_ptr<FrameDetector> m_detector;
    std::jthread m_thread;  // last
};

}  // namespace livedetect
