#include "livedetect/pipeline/pipeline.hpp"

#include "pipeline_impl.hpp"

#include <opencv2/core.hpp>

#include <algorithm>
#include <thread>

namespace livedetect {

std::string pipelineStateName(PipelineState state) {
    switch (state) {
        case PipelineState::Idle: return "idle";
        case PipelineState::Opening: return "opening";
        case PipelineState::Running: return "running";
        case PipelineState::Paused: return "paused";
        case PipelineState::Reconnecting: return "reconnecting";
        case PipelineState::Finished: return "finished";
        case PipelineState::Failed: return "failed";
    }
    return "?";
}

DetectorFactory defaultDetectorFactory() {
    return [](const ModelSpec& spec, const DetectorOptions& options) -> std::unique_ptr<FrameDetector> {
        return std::make_unique<Detector>(spec, options);
    };
}

Pipeline::Pipeline(PipelineOptions options, DetectorFactory factory)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(factory))) {}

Pipeline::~Pipeline() { stop(); }

void Pipeline::start(std::unique_ptr<VideoSource> source, std::vector<std::unique_ptr<FrameDetector>> detectors) {
    auto& d = *m_impl;
    std::lock_guard lock(d.rebuildMutex);
    if (d.stopped) return;
    if (!detectors.empty()) {
        std::lock_guard state(d.stateMutex);
        d.view.modelSpec = detectors.front()->description()->spec;
        d.view.hasModelSpec = true;
    }
    d.rebuild([&] {
        d.source = std::move(source);
        d.idleDetectors = std::move(detectors);
        return true;
    });
}

void Pipeline::openSource(SourceSpec spec) {
    auto& d = *m_impl;
    ++d.sourceJobs;
    d.loader.post([&d, spec](std::stop_token stop) {
        struct Done {
            std::atomic<int>& n;
            ~Done() { --n; }
        } done{d.sourceJobs};
        std::unique_ptr<VideoSource> opened;
        try {
            opened = livedetect::openSource(spec);
        } catch (const std::exception& e) {
            std::lock_guard lock(d.stateMutex);
            d.view.sourceError = e.what();
            return;
        }
        {
            std::lock_guard lock(d.rebuildMutex);
            if (d.stopped || stop.stop_requested()) return;
            d.rebuild([&] {
                d.source = std::move(opened);
                return true;
            });
            std::lock_guard state(d.stateMutex);
            d.view.sourceError.clear();
        }
        d.topUpDetectors(stop);  // review wants more workers than live
    });
}

void Pipeline::loadModel(ModelSpec spec, DetectorOptions options) {
    auto& d = *m_impl;
    ++d.modelJobs;
    d.loader.post([&d, spec, options](std::stop_token stop) {
        struct Done {
            std::atomic<int>& n;
            ~Done() { --n; }
        } done{d.modelJobs};
        const auto want = static_cast<std::size_t>(d.desiredWorkers(d.live));
        std::vector<std::unique_ptr<FrameDetector>> made;
        try {
            while (made.size() < want && !stop.stop_requested()) made.push_back(d.factory(spec, options));
        } catch (const std::exception& e) {
            std::lock_guard lock(d.stateMutex);
            d.view.modelError = e.what();  // the previous model keeps running
            return;
        }
        std::lock_guard lock(d.rebuildMutex);
        if (d.stopped || stop.stop_requested()) return;
        {
            std::lock_guard state(d.stateMutex);
            d.view.modelSpec = spec;
            d.view.hasModelSpec = true;
            d.view.detectorOptions = options;
            d.view.modelError.clear();
        }
        d.rebuild([&] {
            d.idleDetectors = std::move(made);  // the old detectors go here
            return false;
        });
    });
}

void Pipeline::setWorkerCount(int count) {
    auto& d = *m_impl;
    d.loader.post([&d, count](std::stop_token stop) {
        {
            std::lock_guard lock(d.stateMutex);
            d.view.requestedWorkers = std::max(0, count);
        }
        d.topUpDetectors(stop);
        std::lock_guard lock(d.rebuildMutex);
        if (d.stopped || stop.stop_requested()) return;
        if (static_cast<int>(d.workers.size()) != std::min<int>(d.desiredWorkers(d.live),
                                                                 static_cast<int>(d.workers.size() + d.idleDetectors.size())))
            d.rebuild([] { return false; });
    });
}

void Pipeline::play() {
    m_impl->control.setPaused(false);
    m_impl->queue.interrupt();
}

void Pipeline::pause() {
    m_impl->control.setPaused(true);
    m_impl->queue.interrupt();
}

void Pipeline::togglePause() { m_impl->control.paused() ? play() : pause(); }

void Pipeline::stepForward() {
    m_impl->control.step(1);
    m_impl->queue.interrupt();
}

void Pipeline::stepBackward() {
    const std::int64_t shown = m_impl->control.lastConsumedIndex();
    if (shown <= 0) return;
    m_impl->control.setPaused(true);
    seek(shown - 1);
}

void Pipeline::seek(std::int64_t frameIndex) {
    m_impl->control.requestSeek(frameIndex);
    m_impl->queue.interrupt();
}

void Pipeline::setPacing(Pacing pacing, double speed) {
    m_impl->control.setPacing(pacing, speed);
    m_impl->queue.interrupt();
}

void Pipeline::setLoop(bool loop) { m_impl->control.setLoop(loop); }

std::shared_ptr<const FrameResult> Pipeline::tryPop() {
    auto& d = *m_impl;
    ResultPtr r;
    if (d.live) {
        if (d.control.paused()) return nullptr;
        if (auto taken = d.latest.tryTake()) r = std::move(*taken);
    } else if (d.control.mayPop()) {
        r = d.results.tryPop();
    }
    if (r) d.consumed(*r);
    return r;
}

bool Pipeline::finished() const {
    auto& d = *m_impl;
    if (!d.live) return d.results.finished();  // the capture marks the end even when it fails
    const auto state = d.captureStatus.get().state;
    return (state == CaptureStatus::State::Ended || state == CaptureStatus::State::Failed) && !d.latest.hasValue();
}

PopResult Pipeline::waitPop(std::chrono::milliseconds timeout) {
    auto& d = *m_impl;
    const auto deadline = Clock::now() + timeout;
    while (true) {
        const std::uint64_t seen = d.results.changes();
        if (auto r = tryPop()) return {std::move(r), false};
        if (finished()) return {nullptr, true};
        const auto now = Clock::now();
        if (now >= deadline) return {};
        if (d.live) {
            // Live results come through the mailbox; wait there (not while paused: a
            // paused consumer gets nothing), then go round once more.
            const auto slice = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::min<Clock::duration>(deadline - now, std::chrono::milliseconds(50)));
            if (d.control.paused()) {
                std::this_thread::sleep_for(slice);
            } else if (auto taken = d.latest.takeFor(slice)) {
                d.consumed(**taken);
                return {std::move(*taken), false};
            }
        } else {
            d.results.waitForChange(seen, std::min(deadline, now + std::chrono::milliseconds(50)));
        }
    }
}

std::shared_ptr<const Frame> Pipeline::latestFrame() const {
    std::lock_guard lock(m_impl->frameMutex);
    return m_impl->latestFrame;
}

PipelineStatus Pipeline::status() const {
    auto& d = *m_impl;
    PipelineStatus s;
    {
        std::lock_guard lock(d.stateMutex);
        s.hasSource = d.view.hasSource;
        s.source = d.view.source;
        s.workers = d.view.workers;
        s.threadsPerWorker = d.view.threads;
        s.model = d.view.model;
        s.modelError = d.view.modelError;
        s.sourceError = d.view.sourceError;
    }
    s.live = d.live;
    s.paused = d.control.paused();
    s.pacing = d.control.pacing();
    s.speed = d.control.speed();
    s.loop = d.control.loop();
    s.position = d.control.lastConsumedIndex();
    s.modelLoading = d.modelJobs > 0;
    s.metrics = d.metrics.snapshot();
    s.metrics.queueDepth = s.live ? (d.mailbox.hasValue() ? 1 : 0) : d.queue.size();
    s.metrics.resultDepth = s.live ? (d.latest.hasValue() ? 1 : 0) : d.results.size();

    if (!s.hasSource || s.workers == 0) {
        s.state = d.sourceJobs > 0 ? PipelineState::Opening : PipelineState::Idle;
        return s;
    }
    const CaptureStatus cap = d.captureStatus.get();
    s.message = cap.message;
    switch (cap.state) {
        case CaptureStatus::State::Failed: s.state = PipelineState::Failed; break;
        case CaptureStatus::State::Reconnecting:
            s.state = PipelineState::Reconnecting;
            s.reconnectAttempt = cap.reconnectAttempt;
            break;
        case CaptureStatus::State::Ended:
            if (s.live || d.results.finished()) {
                s.state = PipelineState::Finished;
                s.finishedWithError = cap.endedWithError;
                break;
            }
            [[fallthrough]];
        case CaptureStatus::State::Running:
            s.state = s.paused ? PipelineState::Paused : PipelineState::Running;
            break;
    }
    return s;
}

std::vector<std::string> Pipeline::takeWarnings() {
    std::lock_guard lock(m_impl->warningsMutex);
    return std::exchange(m_impl->warnings, {});
}

void Pipeline::stop() {
    auto& d = *m_impl;
    d.loader.stop();  // first, so no job starts threads again
    std::lock_guard lock(d.rebuildMutex);
    d.stopped = true;
    d.stopThreads();
}

}  // namespace livedetect
