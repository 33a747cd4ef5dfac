#pragma once
// Pause, step, seek and pacing: the commands of a running capture, and the bookkeeping
// that lets a paused review deliver exactly the frames the user steps to.
//
// While paused, the capture thread may read a frame only while fewer frames are in
// flight (pushed but not yet taken by the consumer) than the consumer has step credits,
// and the consumer may take a result only while it has credits. Stepping adds a credit;
// taking a result spends one. So a step shows the next frame at once when it is already
// inferred, and reads one more frame only when it is not.
//
// Threading: command methods from any thread; capture-side methods from the capture
// thread; consumer-side methods from the consumer thread. One mutex, one wait point for
// the capture thread (wait()), woken by every command.
#include "livedetect/core/types.hpp"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>

namespace livedetect {

enum class Pacing { AsFastAsPossible, RealTime };

class CaptureControl {
public:
    // Commands.
    void setPaused(bool paused);
    void step(int frames = 1);  // pauses, then allows `frames` more
    void requestSeek(std::int64_t index);
    void setPacing(Pacing pacing, double speed);
    void setLoop(bool loop);
    void wake();  // something else the capture thread waits for changed

    bool paused() const;
    Pacing pacing() const;
    double speed() const;
    bool loop() const;

    // Capture thread.
    std::optional<std::int64_t> takeSeek();
    bool mayRead() const;
    void onPushed();
    // A new epoch starts at `startIndex`: nothing in flight, and a paused capture gets
    // one credit so the frame sought to is delivered.
    void beginEpoch(std::uint64_t epoch, std::int64_t startIndex);
    // Waits until `ready()` holds (evaluated under the lock, with mayReadLocked() usable),
    // a command arrives, stop is requested or the deadline passes.
    template <typename Ready>
    void wait(std::stop_token stop, Clock::time_point deadline, Ready ready);
    void waitForCommand(std::stop_token stop, Clock::time_point deadline) {
        wait(stop, deadline, [] { return false; });
    }
    bool mayReadLocked() const { return !m_paused || m_pushed - m_consumed < m_credits; }
    bool seekPendingLocked() const { return m_seek.has_value(); }

    // Consumer thread.
    bool mayPop() const;
    void onPopped(const Frame& frame);
    // Where a restart should resume so that no frame is skipped or shown twice: after
    // the last frame taken in this epoch, or the epoch's start when none was taken.
    std::int64_t resumeIndex() const;
    std::int64_t lastConsumedIndex() const;

private:
    template <typename Change>
    void command(Change change);

    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    std::uint64_t m_commands = 0;  // bumped by every command, so a waiting capture wakes
    bool m_paused = false;
    std::uint64_t m_credits = 0;
    std::uint64_t m_epoch = 0;
    std::uint64_t m_pushed = 0, m_consumed = 0;  // in the current epoch
    std::int64_t m_resumeAt = 0;  // first frame of the epoch, then after the last taken
    std::int64_t m_lastConsumed = -1;
    std::optional<std::int64_t> m_seek;
    Pacing m_pacing = Pacing::AsFastAsPossible;
    double m_speed = 1.0;
    bool m_loop = false;
};

template <typename Ready>
void CaptureControl::wait(std::stop_token stop, Clock::time_point deadline, Ready ready) {
    std::unique_lock lock(m_mutex);
    const std::uint64_t seen = m_commands;
    m_cv.wait_until(lock, stop, deadline, [&] { return m_commands != seen || ready(); });
}

}  // namespace livedetect
