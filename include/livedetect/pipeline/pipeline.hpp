#pragma once
// The Pipeline wires a VideoSource, a CaptureThread, inference workers and a consumer
// (the window or the headless CLI) together, and is the one object a front end talks to.
//
//   VideoSource -> CaptureThread -> [LatestValue<Frame> | ReviewQueue] -> InferenceWorker(s)
//        -> [LatestValue<result> | OrderedResults] -> consumer (tryPop / waitPop)
//
// Live mode: the workers always take the newest frame; overwritten frames are counted as
// dropped. Review mode: every frame is inferred exactly once, results come out in frame
// order, frames in == frames out (minus frames a seek or source switch discards, which
// are counted too).
//
// Threading: every public method may be called from any thread, except the consumer
// methods (tryPop, waitPop), which belong to one consumer thread. No method blocks on
// capture or inference except waitPop (up to its timeout) and stop() (joins, < 500 ms).
#include "livedetect/capture/capture_control.hpp"
#include "livedetect/capture/video_source.hpp"
#include "livedetect/detect/detector.hpp"
#include "livedetect/detect/frame_detector.hpp"
#include "livedetect/pipeline/metrics.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace livedetect {

enum class RunMode { Auto, Live, Review };
enum class PipelineState {
    Idle,          // nothing to run yet (no source or no model)
    Opening,       // a source is being opened in the background
    Running,
    Paused,        // review: capture holds; consumer gets frames only by stepping
    Reconnecting,  // live source failed; retrying with back-off
    Finished,      // end of a file/folder/image and every result delivered
    Failed,        // the source could not be opened or failed for good
};
std::string pipelineStateName(PipelineState state);

using DetectorFactory =
    std::function<std::unique_ptr<FrameDetector>(const ModelSpec&, const DetectorOptions&)>;
// Makes a real Detector.
DetectorFactory defaultDetectorFactory();

struct PipelineOptions {
    RunMode mode = RunMode::Auto;  // Auto: live sources -> Live, files -> Review
    int workers = 0;               // 0: automatic (review: one per core; live: one)
    Pacing pacing = Pacing::AsFastAsPossible;
    double speed = 1.0;  // RealTime pacing: 2.0 plays twice as fast
    bool loop = false;
    bool startPaused = false;       // review: deliver the first frame, then hold
    std::int64_t maxFrames = -1;    // review: the first N frames; live: N frames read (-1: all)
    DetectorOptions detector;
    std::chrono::milliseconds reconnectInitial{250}, reconnectMax{4000};
    std::size_t resultCapacity = 8;  // review: results waiting for the consumer
    int cores = 0;                   // 0: std::thread::hardware_concurrency()
    // > 0 lowers the workers' CPU priority (nice) so a window drawing on the same cores
    // stays smooth; inference takes what is left. 0 for the headless CLI.
    int workerNiceness = 0;
};

struct PipelineStatus {
    PipelineState state = PipelineState::Idle;
    std::string message;  // why Failed / Reconnecting, or the damage a Finished file had
    bool finishedWithError = false;  // Finished, but frames were lost (damaged file)
    int reconnectAttempt = 0;
    bool hasSource = false;
    SourceInfo source;
    bool live = false;  // the mode in use
    bool paused = false;
    Pacing pacing = Pacing::AsFastAsPossible;
    double speed = 1.0;
    bool loop = false;
    std::int64_t position = -1;  // index of the last frame the consumer took
    int workers = 0;
    int threadsPerWorker = 0;
    std::shared_ptr<const ModelDescription> model;  // the model now running
    bool modelLoading = false;
    std::string modelError;  // last failed model switch (the previous model kept running)
    std::string sourceError; // last failed source switch (the previous source kept running)
    MetricsSnapshot metrics;
};

struct PopResult {
    std::shared_ptr<const FrameResult> result;  // null on timeout or when finished
    bool finished = false;  // Finished or Failed: nothing more will come
};

class Pipeline {
public:
    explicit Pipeline(PipelineOptions options = {}, DetectorFactory factory = defaultDetectorFactory());
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    // Synchronous hand-over, for callers that opened/loaded themselves to report errors
    // up front (the CLI). detectors: one per worker is ideal; fewer limits the workers.
    void start(std::unique_ptr<VideoSource> source, std::vector<std::unique_ptr<FrameDetector>> detectors);

    // Asynchronous, for the window: opened/loaded in the background; on failure the
    // error shows in status() (sourceError / modelError) and what ran before keeps running.
    void openSource(SourceSpec spec);
    void loadModel(ModelSpec spec, DetectorOptions options);

    // Commands, any thread.
    void play();
    void pause();
    void togglePause();
    void stepForward();   // review: deliver the next frame (paused or not: pauses)
    void stepBackward();  // review: deliver the frame before the one last delivered
    void seek(std::int64_t frameIndex);  // review: exact; paused -> deliver that frame only
    void setPacing(Pacing pacing, double speed = 1.0);
    void setLoop(bool loop);
    void setWorkerCount(int workers);  // 0: automatic; reloads detectors in the background

    // Consumer thread only.
    std::shared_ptr<const FrameResult> tryPop();
    PopResult waitPop(std::chrono::milliseconds timeout);

    // Newest captured frame (for "smooth" display of live sources); may be newer than
    // any result. Null before the first frame.
    std::shared_ptr<const Frame> latestFrame() const;

    PipelineStatus status() const;
    std::vector<std::string> takeWarnings();

    // Stops and joins every thread; returns within 500 ms (a read blocked inside a
    // backend is the exception: it returns when the backend does). Idempotent.
    void stop();

private:
    bool finished() const;  // nothing more will come to the consumer

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace livedetect
