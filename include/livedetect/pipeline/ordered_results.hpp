#pragma once
// Review mode's hand-off from the workers to the consumer: results arrive out of order
// from N workers and leave in frame order. Each result carries its epoch and sequence
// (Frame::epoch / Frame::sequence, set by the capture thread); a new epoch (seek,
// restart) throws away everything older, and late results of an old epoch are dropped.
//
// Bounded: the worker holding the next expected result waits for room in `ready` (which
// only the consumer frees); results ahead of it wait for room in `pending` (which the
// expected result frees). So a slow consumer or a stalled worker slows the others, the
// next result can always get in once the consumer takes one, and nothing deadlocks.
//
// Threading: push() from workers; beginEpoch()/markEnd() from the capture thread;
// tryPop()/waitForChange() from the one consumer; size()/finished() from anyone.
#include "livedetect/core/types.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>

namespace livedetect {

class OrderedResults {
public:
    using Ptr = std::shared_ptr<const FrameResult>;
    explicit OrderedResults(std::size_t capacity) : m_capacity(capacity ? capacity : 1) {}

    // Workers. Returns false when the result was dropped (old epoch or stop request).
    bool push(Ptr result, std::stop_token stop);

    // Capture thread. Drops what is held; returns how many results were dropped.
    std::size_t beginEpoch(std::uint64_t epoch);
    // Capture thread: the epoch will have exactly `total` results (sequences 0..total-1).
    void markEnd(std::uint64_t epoch, std::uint64_t total);

    // Consumer.
    Ptr tryPop();
    // A counter bumped by every change (push, pop, epoch, end). A blocking consumer reads
    // it before tryPop() and passes it here: waits until it moves or the deadline passes,
    // so a change between the two calls is never missed and nothing spins.
    std::uint64_t changes() const;
    void waitForChange(std::uint64_t seen, Clock::time_point deadline);
    // Every result of the current epoch delivered and its end marked.
    bool finished() const;

    std::size_t size() const;  // ready + pending

private:
    void moveReadyLocked();

    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    std::uint64_t m_epoch = 0;
    std::uint64_t m_expected = 0;   // next sequence to move to `ready`
    std::uint64_t m_delivered = 0;  // sequences popped by the consumer in this epoch
    std::optional<std::uint64_t> m_end;
    std::map<std::uint64_t, Ptr> m_pending;
    std::deque<Ptr> m_ready;
    std::uint64_t m_changes = 0;
};

}  // namespace livedetect
