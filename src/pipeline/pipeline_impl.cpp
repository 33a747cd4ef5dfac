#include "pipeline_impl.hpp"

#include <opencv2/core.hpp>

namespace livedetect {

void Pipeline::Impl::warn(std::vector<std::string> more) {
    std::lock_guard lock(warningsMutex);
    for (auto& w : more) warnings.push_back(std::move(w));
}

int Pipeline::Impl::desiredWorkers(bool isLive) const {
    std::lock_guard lock(stateMutex);
    if (view.requestedWorkers > 0) return view.requestedWorkers;
    return isLive ? 1 : cores;
}

bool Pipeline::Impl::decideLive(const VideoSource& s) const {
    if (options.mode == RunMode::Live) return true;
    if (options.mode == RunMode::Review) return false;
    return s.info().live;
}

void Pipeline::Impl::stopThreads() {
    capture.reset();  // joins; wakes itself through its stop token
    for (auto& w : workers) w->requestStop();
    for (auto& w : workers) idleDetectors.push_back(w->release());
    workers.clear();
}

void Pipeline::Impl::startThreads(std::int64_t resumeAt) {
    {
        std::lock_guard lock(stateMutex);
        view.hasSource = source != nullptr;
        if (source) view.source = source->info();
        view.workers = 0;
        if (!idleDetectors.empty()) view.model = idleDetectors.front()->description();
    }
    if (!source || idleDetectors.empty()) return;

    const std::uint64_t epoch = epochs.fetch_add(1) + 1;
    metrics.recordDiscarded(queue.clear() + results.beginEpoch(epoch));
    mailbox.clear();
    latest.clear();
    newestPublished = 0;
    control.beginEpoch(epoch, resumeAt);
    const auto& info = source->info();
    if (!live && info.seekable && resumeAt > 0 && (info.frameCount < 0 || resumeAt < info.frameCount)) {
        std::string error;
        if (!source->seek(resumeAt, error)) warn({info.description + ": cannot resume at frame " +
                                                  std::to_string(resumeAt) + ": " + error});
    }

    const int n = std::clamp(desiredWorkers(live), 1, static_cast<int>(idleDetectors.size()));
    // cv::setNumThreads is process-wide: workers x threads = cores.
    const int threads = std::max(1, cores / n);
    cv::setNumThreads(threads);
    WorkerContext wc;
    wc.metrics = &metrics;
    wc.niceness = options.workerNiceness;
    if (live) {
        wc.mailbox = &mailbox;
        wc.latest = &latest;
        wc.newestPublished = &newestPublished;
    } else {
        wc.queue = &queue;
        wc.results = &results;
    }
    for (int i = 0; i < n; ++i) {
        workers.push_back(std::make_unique<InferenceWorker>(wc, std::move(idleDetectors.back())));
        idleDetectors.pop_back();
    }

    CaptureContext cc;
    cc.source = source.get();
    cc.control = &control;
    cc.metrics = &metrics;
    cc.status = &captureStatus;
    cc.epochs = &epochs;
    cc.live = live;
    if (live) {
        cc.mailbox = &mailbox;
    } else {
        cc.queue = &queue;
        cc.results = &results;
    }
    cc.publishLatest = [this](const Frame& f) {
        auto shared = std::make_shared<const Frame>(f);
        std::lock_guard lock(frameMutex);
        latestFrame = std::move(shared);
    };
    cc.warn = [this](std::vector<std::string> w) { warn(std::move(w)); };
    cc.sourceId = sourceId;
    cc.maxFrames = options.maxFrames;
    cc.reconnectInitial = options.reconnectInitial;
    cc.reconnectMax = options.reconnectMax;
    captureStatus.set({});
    capture = std::make_unique<CaptureThread>(std::move(cc), epoch);

    std::lock_guard lock(stateMutex);
    view.workers = n;
    view.threads = threads;
}

void Pipeline::Impl::topUpDetectors(std::stop_token stop) {
    ModelSpec spec;
    DetectorOptions opts;
    {
        std::lock_guard lock(stateMutex);
        if (!view.hasModelSpec) return;
        spec = view.modelSpec;
        opts = view.detectorOptions;
    }
    std::size_t have = 0;
    {
        std::lock_guard lock(rebuildMutex);
        have = workers.size() + idleDetectors.size();
    }
    const auto want = static_cast<std::size_t>(desiredWorkers(live));
    std::vector<std::unique_ptr<FrameDetector>> more;
    try {
        while (have + more.size() < want && !stop.stop_requested()) more.push_back(factory(spec, opts));
    } catch (const std::exception& e) {
        std::lock_guard lock(stateMutex);
        view.modelError = e.what();
        return;
    }
    if (more.empty() || stop.stop_requested()) return;
    std::lock_guard lock(rebuildMutex);
    if (stopped) return;
    rebuild([&] {
        for (auto& d : more) idleDetectors.push_back(std::move(d));
        return false;
    });
}

}  // namespace livedetect
