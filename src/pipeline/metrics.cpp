#include "livedetect/pipeline/metrics.hpp"

#include <algorithm>
#include <vector>

namespace livedetect {
namespace {
constexpr auto kWindow = std::chrono::seconds(1);
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
}  // namespace

void Metrics::Rate::tick(Clock::time_point now) {
    ++count;
    window.push_back(now);
    while (!window.empty() && now - window.front() > kWindow) window.pop_front();
}

RateFigures Metrics::Rate::figures(Clock::time_point now, Clock::time_point start) const {
    RateFigures f;
    f.count = count;
    f.windowFps = static_cast<double>(
        std::count_if(window.begin(), window.end(), [&](Clock::time_point t) { return now - t <= kWindow; }));
    // A window that started less than a second ago would under-report.
    const double span = std::min(seconds(now - start), 1.0);
    if (span > 0.05) f.windowFps /= span;
    const double elapsed = seconds(now - start);
    f.totalFps = elapsed > 0 ? static_cast<double>(count) / elapsed : 0.0;
    return f;
}

void Metrics::Latency::add(double ms) {
    ++count;
    sum += ms;
    max = std::max(max, ms);
    last = ms;
    recent.push_back(ms);
    if (recent.size() > kKeep) recent.pop_front();
}

LatencyFigures Metrics::Latency::figures() const {
    LatencyFigures f;
    f.samples = count;
    if (count == 0) return f;
    f.lastMs = last;
    f.meanMs = sum / static_cast<double>(count);
    f.maxMs = max;
    std::vector<double> sorted(recent.begin(), recent.end());
    std::sort(sorted.begin(), sorted.end());
    auto at = [&](double q) { return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5)]; };
    f.p50Ms = at(0.50);
    f.p95Ms = at(0.95);
    return f;
}

Metrics::Metrics() : m_start(Clock::now()) {}

void Metrics::reset() {
    std::lock_guard lock(m_mutex);
    m_start = Clock::now();
    m_capture = m_inference = m_consume = Rate{};
    m_latency = {};
    m_dropped = m_discarded = 0;
}

void Metrics::recordCapture(double decodeMs) {
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    m_capture.tick(now);
    m_latency[static_cast<std::size_t>(Stage::Decode)].add(decodeMs);
}

void Metrics::recordInference(const StageTimings& t) {
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    m_inference.tick(now);
    m_latency[static_cast<std::size_t>(Stage::Preprocess)].add(t.preprocessMs);
    m_latency[static_cast<std::size_t>(Stage::Forward)].add(t.forwardMs);
    m_latency[static_cast<std::size_t>(Stage::Postprocess)].add(t.postprocessMs);
}

void Metrics::recordConsume(Clock::time_point captured) {
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    m_consume.tick(now);
    m_latency[static_cast<std::size_t>(Stage::FrameAge)].add(
        std::chrono::duration<double, std::milli>(now - captured).count());
}

void Metrics::recordDropped(std::uint64_t n) {
    std::lock_guard lock(m_mutex);
    m_dropped += n;
}

void Metrics::recordDiscarded(std::uint64_t n) {
    std::lock_guard lock(m_mutex);
    m_discarded += n;
}

MetricsSnapshot Metrics::snapshot(Clock::time_point now) const {
    std::lock_guard lock(m_mutex);
    MetricsSnapshot s;
    s.capture = m_capture.figures(now, m_start);
    s.inference = m_inference.figures(now, m_start);
    s.consume = m_consume.figures(now, m_start);
    for (std::size_t i = 0; i < m_latency.size(); ++i) s.latency[i] = m_latency[i].figures();
    s.dropped = m_dropped;
    s.discarded = m_discarded;
    return s;
}

}  // namespace livedetect
