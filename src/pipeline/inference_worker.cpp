#include "livedetect/pipeline/inference_worker.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace livedetect {

InferenceWorker::InferenceWorker(WorkerContext context, std::unique_ptr<FrameDetector> detector)
    : m_ctx(context), m_detector(std::move(detector)), m_thread([this](std::stop_token st) { run(st); }) {}

InferenceWorker::~InferenceWorker() {
    m_thread.request_stop();
    if (m_thread.joinable()) m_thread.join();
}

std::unique_ptr<FrameDetector> InferenceWorker::release() {
    m_thread.request_stop();
    if (m_thread.joinable()) m_thread.join();
    return std::move(m_detector);
}

ResultPtr InferenceWorker::infer(Frame frame) {
    auto result = std::make_shared<FrameResult>();
    result->inferenceStarted = Clock::now();
    result->model = m_detector->description();
    // A frame the network chokes on still comes out (frames in == frames out), marked.
    try {
        DetectOutput out = m_detector->detect(frame.image);
        result->candidates = std::move(out.candidates);
        result->timings = out.timings;
    } catch (const cv::Exception& e) {
        result->error = "inference failed on frame " + std::to_string(frame.index) + ": " +
                        (e.err.empty() ? e.what() : e.err);
    } catch (const std::exception& e) {
        result->error = "inference failed on frame " + std::to_string(frame.index) + ": " + e.what();
    } catch (...) {
        result->error = "inference failed on frame " + std::to_string(frame.index);
    }
    result->timings.decodeMs = frame.decodeMs;
    result->frame = std::move(frame);
    m_ctx.metrics->recordInference(result->timings);
    return result;
}

void InferenceWorker::publishLive(ResultPtr result) {
    // With several live workers results may finish out of order; never go backwards.
    const std::uint64_t mine = result->frame.sequence + 1;
    std::uint64_t newest = m_ctx.newestPublished->load();
    while (mine > newest && !m_ctx.newestPublished->compare_exchange_weak(newest, mine)) {
    }
    if (mine > newest) m_ctx.latest->put(std::move(result));
}

void InferenceWorker::run(std::stop_token stop) {
    // Linux applies nice per thread; raising it needs no privilege. Best effort.
    if (m_ctx.niceness > 0) (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), m_ctx.niceness);
    const bool live = m_ctx.mailbox != nullptr;
    while (!stop.stop_requested()) {
        std::optional<Frame> frame = live ? m_ctx.mailbox->take(stop) : m_ctx.queue->pop(stop);
        if (!frame) continue;  // stop requested
        ResultPtr result = infer(std::move(*frame));
        if (live) {
            publishLive(std::move(result));
        } else if (!m_ctx.results->push(std::move(result), stop)) {
            m_ctx.metrics->recordDiscarded(1);  // its epoch is over (seek) or we are stopping
        }
    }
}

}  // namespace livedetect
