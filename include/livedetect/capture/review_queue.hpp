#pragma once
// The bounded queue of review mode: the capture thread pushes, workers pop. A full queue
// blocks the capture thread (back-pressure), so nothing is ever dropped and memory stays
// bounded. Frames thrown away on purpose (a seek) go through clear(), which counts them.
//
// Threading: push() from one producer (capture thread), pop() from any number of
// consumers (workers). interrupt() from any thread wakes a blocked push() so the
// producer can handle a command (seek, pause) first.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <stop_token>

namespace livedetect {

template <typename T>
class ReviewQueue {
public:
    explicit ReviewQueue(std::size_t capacity) : m_capacity(capacity ? capacity : 1) {}

    enum class PushResult { Pushed, Interrupted, Stopped };

    // Producer: the value to pass to push() so that an interrupt() made after this call
    // (and before or during push) is not missed. Take it before looking at commands.
    std::uint64_t interruptToken() const {
        std::lock_guard lock(m_mutex);
        return m_interrupts;
    }

    // Producer: waits for room. On Interrupted or Stopped the value was not queued.
    PushResult push(T& value, std::stop_token stop, std::uint64_t token) {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, stop, [&] { return m_items.size() < m_capacity || m_interrupts != token; });
        if (stop.stop_requested()) return PushResult::Stopped;
        if (m_items.size() >= m_capacity) return PushResult::Interrupted;
        m_items.push_back(std::move(value));
        lock.unlock();
        m_cv.notify_all();
        return PushResult::Pushed;
    }

    // Consumers: waits for an item; empty on stop request.
    std::optional<T> pop(std::stop_token stop) {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, stop, [&] { return !m_items.empty(); });
        if (stop.stop_requested() || m_items.empty()) return std::nullopt;
        std::optional<T> out(std::move(m_items.front()));
        m_items.pop_front();
        lock.unlock();
        m_cv.notify_all();  // room for the producer
        return out;
    }

    void interrupt() {
        {
            std::lock_guard lock(m_mutex);
            ++m_interrupts;
        }
        m_cv.notify_all();
    }

    // Throws away everything queued; returns how many.
    std::size_t clear() {
        std::size_t n = 0;
        {
            std::lock_guard lock(m_mutex);
            n = m_items.size();
            m_items.clear();
        }
        m_cv.notify_all();
        return n;
    }

    std::size_t size() const {
        std::lock_guard lock(m_mutex);
        return m_items.size();
    }
    std::size_t capacity() const { return m_capacity; }

private:
    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    std::deque<T> m_items;
    std::uint64_t m_interrupts = 0;
};

}  // namespace livedetect
