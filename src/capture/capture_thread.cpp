#include "livedetect/capture/capture_thread.hpp"

#include "livedetect/core/errors.hpp"

#include <algorithm>

namespace livedetect {
namespace {
// Long enough to mean "until something happens"; every wait also ends on commands/stop.
constexpr auto kIdle = std::chrono::hours(24);
// Behind schedule by more than this (a stall, a slow step), pacing starts afresh
// instead of rushing to catch up.
constexpr auto kMaxLag = std::chrono::milliseconds(250);
}  // namespace

CaptureThread::CaptureThread(CaptureContext context, std::uint64_t epoch)
    : m_ctx(std::move(context)), m_epoch(epoch), m_thread([this](std::stop_token st) { run(st); }) {}

CaptureThread::~CaptureThread() {
    m_thread.request_stop();  // wakes waits on the control, queue and mailbox (stop_token)
    if (m_thread.joinable()) m_thread.join();
}

void CaptureThread::setState(CaptureStatus::State state, std::string message, int attempt) {
    CaptureStatus s;
    s.state = state;
    s.message = std::move(message);
    s.endedWithError = state == CaptureStatus::State::Ended && !s.message.empty();
    s.reconnectAttempt = attempt;
    m_ctx.status->set(std::move(s));
}

void CaptureThread::run(std::stop_token stop) {
    // Nothing may escape a thread: whatever goes wrong becomes a visible state.
    try {
        setState(CaptureStatus::State::Running);
        if (m_ctx.live)
            runLive(stop);
        else
            runReview(stop);
    } catch (const std::exception& e) {
        setState(CaptureStatus::State::Failed, m_ctx.source->info().description + ": " + e.what());
        if (m_ctx.results) m_ctx.results->markEnd(m_epoch, m_sequence);
    } catch (...) {
        setState(CaptureStatus::State::Failed, m_ctx.source->info().description + ": unknown error");
        if (m_ctx.results) m_ctx.results->markEnd(m_epoch, m_sequence);
    }
}

ReadStatus CaptureThread::readFrame(Frame& frame, std::string& error) {
    const auto start = Clock::now();
    ReadStatus status = ReadStatus::Error;
    // A source that throws is a source that failed: same recovery as an error status.
    try {
        status = m_ctx.source->read(frame, error);
    } catch (const cv::Exception& e) {
        error = m_ctx.source->info().description + ": " + (e.err.empty() ? e.what() : e.err);
    } catch (const std::exception& e) {
        error = m_ctx.source->info().description + ": " + e.what();
    }
    if (auto warnings = m_ctx.source->takeWarnings(); !warnings.empty() && m_ctx.warn)
        m_ctx.warn(std::move(warnings));
    if (status != ReadStatus::Ok) return status;
    frame.captured = Clock::now();
    if (frame.decodeMs <= 0.0)
        frame.decodeMs = std::chrono::duration<double, std::milli>(frame.captured - start).count();
    frame.sourceId = m_ctx.sourceId;
    frame.epoch = m_epoch;
    ++m_framesRead;
    return status;
}

bool CaptureThread::paceUntilDue(std::stop_token stop, const Frame& frame) {
    if (m_ctx.control->pacing() != Pacing::RealTime) return true;
    const double speed = m_ctx.control->speed();
    const auto now = Clock::now();
    if (!m_anchored || speed != m_anchorSpeed) {
        m_anchored = true;
        m_anchorWall = now;
        m_anchorPts = frame.ptsMs;
        m_anchorSpeed = speed;
        return true;
    }
    const auto due = m_anchorWall + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double, std::milli>((frame.ptsMs - m_anchorPts) / speed));
    if (due <= now) {
        if (now - due > kMaxLag) m_anchored = false;
        return true;
    }
    m_ctx.control->wait(stop, due, [&] {
        return m_ctx.control->seekPendingLocked() || !m_ctx.control->mayReadLocked();
    });
    return Clock::now() >= due;
}

void CaptureThread::endOfStream(const std::string& error) {
    if (m_ctx.results) m_ctx.results->markEnd(m_epoch, m_sequence);
    setState(CaptureStatus::State::Ended, error);
}

void CaptureThread::seekTo(std::int64_t index) {
    m_epoch = m_ctx.epochs->fetch_add(1) + 1;
    m_sequence = 0;
    m_anchored = false;
    // Order matters: results of the old epoch go before the consumer's bookkeeping
    // moves to the new one (see CaptureControl::onPopped).
    std::size_t discarded = m_ctx.queue ? m_ctx.queue->clear() : 0;
    if (m_ctx.results) discarded += m_ctx.results->beginEpoch(m_epoch);
    if (m_ctx.mailbox) m_ctx.mailbox->clear();
    m_ctx.metrics->recordDiscarded(discarded);
    const auto& info = m_ctx.source->info();
    if (info.frameCount > 0) index = std::min(index, info.frameCount - 1);
    index = std::max<std::int64_t>(index, 0);
    m_ctx.control->beginEpoch(m_epoch, index);
    setState(CaptureStatus::State::Running);
    std::string error;
    if (!info.seekable) {
        if (m_ctx.warn) m_ctx.warn({info.description + ": cannot seek in this source"});
    } else if (!m_ctx.source->seek(index, error)) {
        endOfStream(info.description + ": seek to frame " + std::to_string(index) + " failed: " + error);
    }
}

void CaptureThread::runReview(std::stop_token stop) {
    std::optional<Frame> pending;  // read but not yet queued
    bool ended = false;
    while (!stop.stop_requested()) {
        // Taken before the commands are looked at, so a command posted from now on
        // interrupts a blocked push.
        const std::uint64_t token = m_ctx.queue->interruptToken();
        if (const auto target = m_ctx.control->takeSeek()) {
            pending.reset();
            ended = false;
            seekTo(*target);
            ended = m_ctx.status->get().state == CaptureStatus::State::Ended;
            continue;
        }
        if (ended) {
            m_ctx.control->wait(stop, Clock::now() + kIdle, [&] { return m_ctx.control->seekPendingLocked(); });
            continue;
        }
        if (!m_ctx.control->mayRead()) {
            m_anchored = false;  // after a pause, pacing restarts from the next frame
            m_ctx.control->wait(stop, Clock::now() + kIdle, [&] { return m_ctx.control->mayReadLocked(); });
            continue;
        }
        if (!pending) {
            Frame frame;
            std::string error;
            ReadStatus status = readFrame(frame, error);
            // maxFrames in review = the first N frames of the source, whatever restarts
            // and resumes happen on the way.
            if (status == ReadStatus::Ok && m_ctx.maxFrames >= 0 && frame.index >= m_ctx.maxFrames)
                status = ReadStatus::End;
            switch (status) {
                case ReadStatus::Ok:
                    m_ctx.metrics->recordCapture(frame.decodeMs);
                    pending = std::move(frame);
                    if (m_ctx.publishLatest) m_ctx.publishLatest(*pending);
                    break;
                case ReadStatus::End:
                    if (m_ctx.control->loop() && m_ctx.source->info().seekable && m_framesRead > 0) {
                        std::string seekError;
                        if (m_ctx.source->seek(0, seekError)) {
                            m_anchored = false;
                            continue;
                        }
                        endOfStream(m_ctx.source->info().description + ": cannot loop: " + seekError);
                    } else {
                        endOfStream({});
                    }
                    ended = true;
                    continue;
                case ReadStatus::Error:
                    endOfStream(error);
                    ended = true;
                    continue;
            }
        }
        if (!paceUntilDue(stop, *pending)) continue;  // woken by a command: handle it first
        // A paced file frame "arrives" when it is due, as a camera's would: frame age
        // measures the pipeline, not how early the frame was read.
        if (m_ctx.control->pacing() == Pacing::RealTime) pending->captured = Clock::now();
        pending->epoch = m_epoch;
        pending->sequence = m_sequence;
        switch (m_ctx.queue->push(*pending, stop, token)) {
            case FrameQueue::PushResult::Pushed:
                m_ctx.control->onPushed();
                ++m_sequence;
                pending.reset();
                break;
            case FrameQueue::PushResult::Interrupted: break;
            case FrameQueue::PushResult::Stopped: return;
        }
    }
}

bool CaptureThread::reconnect(std::stop_token stop, std::string reason) {
    auto delay = m_ctx.reconnectInitial;
    for (int attempt = 1; !stop.stop_requested(); ++attempt) {
        setState(CaptureStatus::State::Reconnecting, reason, attempt);
        const auto due = Clock::now() + delay;
        while (!stop.stop_requested() && Clock::now() < due) m_ctx.control->waitForCommand(stop, due);
        if (stop.stop_requested()) return false;
        try {
            m_ctx.source->reopen();
            setState(CaptureStatus::State::Running);
            return true;
        } catch (const std::exception& e) {
            reason = e.what();
        }
        delay = std::min(delay * 2, m_ctx.reconnectMax);
    }
    return false;
}

void CaptureThread::runLive(std::stop_token stop) {
    const bool liveSource = m_ctx.source->info().live;
    bool ended = false;
    while (!stop.stop_requested()) {
        if (const auto target = m_ctx.control->takeSeek(); target && !liveSource) {
            seekTo(*target);
            ended = false;
        }
        if (ended || (!liveSource && !m_ctx.control->mayRead())) {
            // A file played live holds while paused; a camera keeps being read below.
            m_anchored = false;
            m_ctx.control->wait(stop, Clock::now() + kIdle, [&] {
                return ended ? m_ctx.control->seekPendingLocked() : m_ctx.control->mayReadLocked();
            });
            continue;
        }
        if (m_ctx.maxFrames >= 0 && m_framesRead >= m_ctx.maxFrames) {
            setState(CaptureStatus::State::Ended);
            ended = true;
            continue;
        }
        Frame frame;
        std::string error;
        const ReadStatus status = readFrame(frame, error);
        if (status == ReadStatus::Ok) {
            m_ctx.metrics->recordCapture(frame.decodeMs);
            // A file played live keeps its own pace; a pause or seek during the wait
            // is handled on the next turn, after this frame.
            if (!liveSource) {
                paceUntilDue(stop, frame);
                frame.captured = Clock::now();  // arrives when due, as a camera's frame would
            }
            frame.sequence = m_sequence++;
            if (m_ctx.control->paused() && liveSource) continue;  // keep the camera fresh, show nothing new
            if (!liveSource) m_ctx.control->onPushed();
            if (m_ctx.publishLatest) m_ctx.publishLatest(frame);
            if (m_ctx.mailbox->put(std::move(frame))) m_ctx.metrics->recordDropped();
        } else if (status == ReadStatus::End && !liveSource) {
            std::string seekError;
            if (m_ctx.control->loop() && m_ctx.source->info().seekable && m_ctx.source->seek(0, seekError)) {
                m_anchored = false;
                continue;
            }
            setState(CaptureStatus::State::Ended);
            ended = true;
        } else if (liveSource) {
            // A live source that stops (End or Error) has failed: the camera or stream is gone.
            if (error.empty()) error = m_ctx.source->info().description + ": stream ended";
            if (!reconnect(stop, error)) return;
        } else {
            setState(CaptureStatus::State::Ended, error);
            ended = true;
        }
    }
}

}  // namespace livedetect
