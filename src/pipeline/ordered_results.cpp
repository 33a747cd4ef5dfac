#include "livedetect/pipeline/ordered_results.hpp"

namespace livedetect {

void OrderedResults::moveReadyLocked() {
    for (auto it = m_pending.find(m_expected); it != m_pending.end(); it = m_pending.find(m_expected)) {
        m_ready.push_back(std::move(it->second));
        m_pending.erase(it);
        ++m_expected;
    }
}

bool OrderedResults::push(Ptr result, std::stop_token stop) {
    const std::uint64_t epoch = result->frame.epoch;
    const std::uint64_t sequence = result->frame.sequence;
    std::unique_lock lock(m_mutex);
    // The result the consumer needs next waits for room in `ready`; results ahead of it
    // wait for room in `pending` (a worker far ahead of a stalled one must not pile up
    // frames). A waiting result may become the next one; the predicate follows that.
    m_cv.wait(lock, stop, [&] {
        if (m_epoch != epoch) return true;
        return sequence == m_expected ? m_ready.size() < m_capacity : m_pending.size() < m_capacity;
    });
    if (stop.stop_requested() || epoch != m_epoch || sequence < m_expected) return false;
    m_pending.emplace(sequence, std::move(result));
    moveReadyLocked();
    ++m_changes;
    lock.unlock();
    m_cv.notify_all();
    return true;
}

std::size_t OrderedResults::beginEpoch(std::uint64_t epoch) {
    std::size_t dropped = 0;
    {
        std::lock_guard lock(m_mutex);
        dropped = m_ready.size() + m_pending.size();
        m_ready.clear();
        m_pending.clear();
        m_epoch = epoch;
        m_expected = 0;
        m_delivered = 0;
        m_end.reset();
        ++m_changes;
    }
    m_cv.notify_all();
    return dropped;
}

void OrderedResults::markEnd(std::uint64_t epoch, std::uint64_t total) {
    {
        std::lock_guard lock(m_mutex);
        if (epoch != m_epoch) return;
        m_end = total;
        ++m_changes;
    }
    m_cv.notify_all();
}

OrderedResults::Ptr OrderedResults::tryPop() {
    Ptr out;
    {
        std::lock_guard lock(m_mutex);
        if (m_ready.empty()) return nullptr;
        out = std::move(m_ready.front());
        m_ready.pop_front();
        ++m_delivered;
        ++m_changes;
    }
    m_cv.notify_all();  // room for the worker holding the next result
    return out;
}

std::uint64_t OrderedResults::changes() const {
    std::lock_guard lock(m_mutex);
    return m_changes;
}

void OrderedResults::waitForChange(std::uint64_t seen, Clock::time_point deadline) {
    std::unique_lock lock(m_mutex);
    m_cv.wait_until(lock, deadline, [&] { return m_changes != seen; });
}

bool OrderedResults::finished() const {
    std::lock_guard lock(m_mutex);
    return m_end && m_delivered >= *m_end;
}

std::size_t OrderedResults::size() const {
    std::lock_guard lock(m_mutex);
    return m_ready.size() + m_pending.size();
}

}  // namespace livedetect
