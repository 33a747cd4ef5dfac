#pragma once
// Pipeline::Impl: the state behind a Pipeline and its restart machinery (stop every
// thread, swap a part, start again where the consumer left off). Private to
// src/pipeline; pipeline.cpp is the public API over it.
#include "livedetect/capture/capture_thread.hpp"
#include "livedetect/pipeline/background_loader.hpp"
#include "livedetect/pipeline/inference_worker.hpp"
#include "livedetect/pipeline/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace livedetect {

struct Pipeline::Impl {
    Impl(PipelineOptions o, DetectorFactory f)
        : options(std::move(o)),
          factory(std::move(f)),
          cores(options.cores > 0 ? options.cores
                                  : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))),
          queue(static_cast<std::size_t>(2 * std::max(cores, 2))),
          results(options.resultCapacity) {
        control.setPacing(options.pacing, options.speed);
        control.setLoop(options.loop);
        control.setPaused(options.startPaused);
        view.detectorOptions = options.detector;
        view.requestedWorkers = options.workers;
    }

    // --- hand-off points; they outlive thread restarts ------------------------------
    PipelineOptions options;
    DetectorFactory factory;
    const int cores;
    Metrics metrics;
    CaptureControl control;
    CaptureStatusBoard captureStatus;
    FrameQueue queue;
    OrderedResults results;
    LatestFrameMailbox mailbox;
    LatestResult latest;
    std::atomic<std::uint64_t> epochs{0};
    std::atomic<std::uint64_t> newestPublished{0};
    std::atomic<bool> live{false};

    mutable std::mutex frameMutex;
    std::shared_ptr<const Frame> latestFrame;
    mutable std::mutex warningsMutex;
    std::vector<std::string> warnings;

    // --- what runs: changed only under rebuildMutex (start, loader jobs, stop) ------
    std::mutex rebuildMutex;
    std::unique_ptr<VideoSource> source;
    std::vector<std::unique_ptr<FrameDetector>> idleDetectors;
    std::unique_ptr<CaptureThread> capture;
    std::vector<std::unique_ptr<InferenceWorker>> workers;
    std::uint64_t sourceId = 0;
    bool stopped = false;

    // --- what status() reports about the set-up, under stateMutex --------------------
    struct View {
        bool hasSource = false;
        SourceInfo source;
        int workers = 0, threads = 0;
        std::shared_ptr<const ModelDescription> model;
        ModelSpec modelSpec;
        bool hasModelSpec = false;
        DetectorOptions detectorOptions;
        int requestedWorkers = 0;
        std::string modelError, sourceError;
    };
    mutable std::mutex stateMutex;
    View view;
    std::atomic<int> sourceJobs{0}, modelJobs{0};

    BackgroundLoader loader;  // last: its jobs use everything above

    // ---------------------------------------------------------------------------------
    void warn(std::vector<std::string> more);

    // Consumer thread: bookkeeping of a result handed to the consumer.
    void consumed(const FrameResult& result) {
        control.onPopped(result.frame);
        metrics.recordConsume(result.frame.captured);
    }

    int desiredWorkers(bool isLive) const;

    bool decideLive(const VideoSource& s) const;

    // Caller holds rebuildMutex.
    void stopThreads();

    // Caller holds rebuildMutex. Stops everything, lets `change` swap parts, starts again
    // where the consumer left off (review) so no frame is skipped or delivered twice.
    template <typename Change>
    void rebuild(Change change) {
        stopThreads();
        const bool sourceChanged = change();
        std::int64_t resumeAt = sourceChanged ? 0 : control.resumeIndex();
        if (sourceChanged) {
            ++sourceId;
            metrics.reset();
            live = source && decideLive(*source);
            std::lock_guard lock(frameMutex);
            latestFrame.reset();
        }
        startThreads(resumeAt);
    }

    // Caller holds rebuildMutex. A new epoch from `resumeAt`; workers x threads = cores.
    void startThreads(std::int64_t resumeAt);

    // Loader thread: loads detectors of the current model until there are as many as
    // workers wanted, then restarts with them. Nothing to do without a model yet.
    void topUpDetectors(std::stop_token stop);
};

}  // namespace livedetect
