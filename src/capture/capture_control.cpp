#include "livedetect/capture/capture_control.hpp"

namespace livedetect {

template <typename Change>
void CaptureControl::command(Change change) {
    {
        std::lock_guard lock(m_mutex);
        change();
        ++m_commands;
    }
    m_cv.notify_all();
}

void CaptureControl::setPaused(bool paused) {
    command([&] {
        m_paused = paused;
        m_credits = 0;
    });
}

void CaptureControl::step(int frames) {
    command([&] {
        if (!m_paused) {
            // Frames already in flight become deliverable by steps, not by play.
            m_paused = true;
            m_credits = 0;
        }
        m_credits += static_cast<std::uint64_t>(frames > 0 ? frames : 0);
    });
}

void CaptureControl::requestSeek(std::int64_t index) {
    command([&] { m_seek = index; });
}

void CaptureControl::setPacing(Pacing pacing, double speed) {
    command([&] {
        m_pacing = pacing;
        m_speed = speed > 0 ? speed : 1.0;
    });
}

void CaptureControl::setLoop(bool loop) {
    command([&] { m_loop = loop; });
}

void CaptureControl::wake() {
    command([] {});
}

bool CaptureControl::paused() const {
    std::lock_guard lock(m_mutex);
    return m_paused;
}
Pacing CaptureControl::pacing() const {
    std::lock_guard lock(m_mutex);
    return m_pacing;
}
double CaptureControl::speed() const {
    std::lock_guard lock(m_mutex);
    return m_speed;
}
bool CaptureControl::loop() const {
    std::lock_guard lock(m_mutex);
    return m_loop;
}

std::optional<std::int64_t> CaptureControl::takeSeek() {
    std::lock_guard lock(m_mutex);
    std::optional<std::int64_t> out;
    out.swap(m_seek);
    return out;
}

bool CaptureControl::mayRead() const {
    std::lock_guard lock(m_mutex);
    return mayReadLocked();
}

void CaptureControl::onPushed() {
    std::lock_guard lock(m_mutex);
    ++m_pushed;
}

void CaptureControl::beginEpoch(std::uint64_t epoch, std::int64_t startIndex) {
    std::lock_guard lock(m_mutex);
    m_epoch = epoch;
    m_pushed = m_consumed = 0;
    m_resumeAt = startIndex;
    m_credits = m_paused ? 1 : 0;
}

bool CaptureControl::mayPop() const {
    std::lock_guard lock(m_mutex);
    return !m_paused || m_credits > 0;
}

void CaptureControl::onPopped(const Frame& frame) {
    // No wake-up needed: a pop lowers the frames in flight and the credits together.
    std::lock_guard lock(m_mutex);
    m_lastConsumed = frame.index;
    if (frame.epoch != m_epoch) return;
    ++m_consumed;
    m_resumeAt = frame.index + 1;
    if (m_paused && m_credits > 0) --m_credits;
}

std::int64_t CaptureControl::resumeIndex() const {
    std::lock_guard lock(m_mutex);
    return m_resumeAt;
}

std::int64_t CaptureControl::lastConsumedIndex() const {
    std::lock_guard lock(m_mutex);
    return m_lastConsumed;
}

}  // namespace livedetect
