#pragma once
// A latest-value mailbox: the producer overwrites, the consumer takes the newest value.
// Live mode uses it twice: capture thread -> workers (LatestFrameMailbox) and
// workers -> consumer (newest result). Overwritten values are reported to the producer,
// who counts them as dropped.
//
// Threading: put() from producer threads, take()/tryTake() from consumer threads; any
// number of each. Waits end on a value, close() or the caller's stop request.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stop_token>

namespace livedetect {

template <typename T>
class LatestValue {
public:
    // Producer side. Returns true when an untaken value was overwritten (a drop).
    bool put(T value) {
        bool overwritten = false;
        {
            std::lock_guard lock(m_mutex);
            overwritten = m_value.has_value();
            m_value = std::move(value);
        }
        m_cv.notify_one();
        return overwritten;
    }

    // Consumer side: waits for a value; empty on stop request or close().
    std::optional<T> take(std::stop_token stop) {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, stop, [&] { return m_value.has_value() || m_closed; });
        if (stop.stop_requested()) return std::nullopt;
        return takeLocked();
    }

    // Consumer side: waits at most `timeout`.
    std::optional<T> takeFor(std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        m_cv.wait_for(lock, timeout, [&] { return m_value.has_value() || m_closed; });
        return takeLocked();
    }

    std::optional<T> tryTake() {
        std::lock_guard lock(m_mutex);
        return takeLocked();
    }

    // Drops the value, if any; returns whether there was one.
    bool clear() {
        std::lock_guard lock(m_mutex);
        const bool had = m_value.has_value();
        m_value.reset();
        return had;
    }

    bool hasValue() const {
        std::lock_guard lock(m_mutex);
        return m_value.has_value();
    }

    // Wakes every waiter for good (until reopen()).
    void close() {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_cv.notify_all();
    }
    void reopen() {
        std::lock_guard lock(m_mutex);
        m_closed = false;
    }

private:
    std::optional<T> takeLocked() {
        std::optional<T> out;
        out.swap(m_value);
        return out;
    }

    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    std::optional<T> m_value;
    bool m_closed = false;
};

}  // namespace livedetect
