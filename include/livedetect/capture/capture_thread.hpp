#pragma once
// The capture thread: owns reading from the VideoSource while it runs.
// Review mode: reads when CaptureControl allows, paces by presentation time when asked,
// pushes into the ReviewQueue (blocking when full: nothing is dropped), handles seek,
// loop and the end of the source. Live mode: reads as fast as the source delivers,
// overwrites the LatestFrameMailbox (counting drops), reconnects with back-off when a
// live source fails.
// Threading: constructed and destroyed by the pipeline (under its rebuild lock); the
// thread it owns is the only user of the source until the destructor has joined it.
#include "livedetect/capture/capture_control.hpp"
#include "livedetect/capture/latest_value.hpp"
#include "livedetect/capture/review_queue.hpp"
#include "livedetect/capture/video_source.hpp"
#include "livedetect/pipeline/metrics.hpp"
#include "livedetect/pipeline/ordered_results.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace livedetect {

using LatestFrameMailbox = LatestValue<Frame>;
using FrameQueue = ReviewQueue<Frame>;

struct CaptureStatus {
    enum class State { Running, Reconnecting, Ended, Failed };
    State state = State::Running;
    std::string message;  // why Reconnecting/Failed, or the damage an Ended file had
    bool endedWithError = false;
    int reconnectAttempt = 0;
};

// Written by the capture thread, read by anyone; outlives capture threads so the
// status survives a restart.
class CaptureStatusBoard {
public:
    void set(CaptureStatus status) {
        std::lock_guard lock(m_mutex);
        m_status = std::move(status);
    }
    CaptureStatus get() const {
        std::lock_guard lock(m_mutex);
        return m_status;
    }

private:
    mutable std::mutex m_mutex;
    CaptureStatus m_status;
};

struct CaptureContext {
    VideoSource* source = nullptr;
    CaptureControl* control = nullptr;
    Metrics* metrics = nullptr;
    CaptureStatusBoard* status = nullptr;
    std::atomic<std::uint64_t>* epochs = nullptr;  // source of new epoch numbers
    bool live = false;
    FrameQueue* queue = nullptr;            // review mode
    OrderedResults* results = nullptr;      // review mode: epochs and end of stream
    LatestFrameMailbox* mailbox = nullptr;  // live mode
    std::function<void(const Frame&)> publishLatest;  // newest frame, for display
    std::function<void(std::vector<std::string>)> warn;
    std::uint64_t sourceId = 0;
    std::int64_t maxFrames = -1;
    std::chrono::milliseconds reconnectInitial{250}, reconnectMax{4000};
};

class CaptureThread {
public:
    // Starts reading at once, in the given epoch.
    CaptureThread(CaptureContext context, std::uint64_t epoch);
    ~CaptureThread();  // requests stop, wakes every wait, joins
    CaptureThread(const CaptureThread&) = delete;
    CaptureThread& operator=(const CaptureThread&) = delete;

private:
    void run(std::stop_token stop);
    void runReview(std::stop_token stop);
    void runLive(std::stop_token stop);
    ReadStatus readFrame(Frame& frame, std::string& error);
    void seekTo(std::int64_t index);
    void endOfStream(const std::string& error);
    bool reconnect(std::stop_token stop, std::string reason);
    // Sleeps until the frame's presentation time (real-time pacing); false when woken
    // early by a command, so the caller handles it first.
    bool paceUntilDue(std::stop_token stop, const Frame& frame);
    void setState(CaptureStatus::State state, std::string message = {}, int attempt = 0);

    CaptureContext m_ctx;
    std::uint64_t m_epoch;
    std::uint64_t m_sequence = 0;     // next sequence number in this epoch
    std::int64_t m_framesRead = 0;    // for maxFrames
    bool m_anchored = false;          // pacing: wall clock and pts of a reference frame
    Clock::time_point m_anchorWall{};
    double m_anchorPts = 0.0;
    double m_anchorSpeed = 1.0;
    std::jthread m_thread;  // last: starts after everything above is initialised
};

}  // namespace livedetect
