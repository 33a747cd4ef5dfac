#pragma once
// Counters and timings of a running pipeline. Recorded by the capture thread, the
// workers and the consumer; read by anyone as one MetricsSnapshot (a copy, cheap enough
// to take every UI frame). One mutex: every record is a few adds, far from contention.
#include "livedetect/core/types.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <mutex>

namespace livedetect {

struct RateFigures {
    double windowFps = 0.0;  // events in the last second
    double totalFps = 0.0;   // events since start / time since start
    std::uint64_t count = 0;
};

struct LatencyFigures {
    double lastMs = 0.0, meanMs = 0.0, p50Ms = 0.0, p95Ms = 0.0, maxMs = 0.0;
    std::uint64_t samples = 0;
};

enum class Stage { Decode, Preprocess, Forward, Postprocess, FrameAge, kCount };

struct MetricsSnapshot {
    RateFigures capture, inference, consume;
    std::array<LatencyFigures, static_cast<std::size_t>(Stage::kCount)> latency{};  // by Stage
    std::uint64_t dropped = 0;    // live: frames overwritten before a worker took them
    std::uint64_t discarded = 0;  // review: frames in flight thrown away by a seek or source switch
    std::size_t queueDepth = 0;   // frames waiting for a worker
    std::size_t resultDepth = 0;  // results waiting for the consumer (incl. out of order)

    const LatencyFigures& of(Stage s) const { return latency[static_cast<std::size_t>(s)]; }
};

class Metrics {
public:
    Metrics();
    void reset();  // new source: rates and latencies start over
    void recordCapture(double decodeMs);
    void recordInference(const StageTimings& t);
    void recordConsume(Clock::time_point captured);
    void recordDropped(std::uint64_t n = 1);
    void recordDiscarded(std::uint64_t n);
    MetricsSnapshot snapshot(Clock::time_point now = Clock::now()) const;

private:
    struct Rate {
        std::deque<Clock::time_point> window;
        std::uint64_t count = 0;
        void tick(Clock::time_point now);
        RateFigures figures(Clock::time_point now, Clock::time_point start) const;
    };
    struct Latency {
        std::deque<double> recent;  // last kKeep samples, for percentiles
        double sum = 0.0, max = 0.0, last = 0.0;
        std::uint64_t count = 0;
        void add(double ms);
        LatencyFigures figures() const;
    };
    static constexpr std::size_t kKeep = 512;

    mutable std::mutex m_mutex;
    Clock::time_point m_start;
    Rate m_capture, m_inference, m_consume;
    std::array<Latency, static_cast<std::size_t>(Stage::kCount)> m_latency;
    std::uint64_t m_dropped = 0, m_discarded = 0;
};

}  // namespace livedetect
