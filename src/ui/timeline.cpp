#include "ui/timeline.hpp"


#include <algorithm>

namespace livedetect::ui {

void Timeline::reset(std::int64_t frameCount) {
    m_entries.clear();
    m_frameCount = frameCount;
    m_analysed = 0;
    m_cursor = 0;
    if (frameCount > 0) m_entries.resize(static_cast<std::size_t>(frameCount));
}

void Timeline::record(std::int64_t frameIndex, const std::vector<Detection>& candidates) {
    if (frameIndex < 0) return;
    const auto i = static_cast<std::size_t>(frameIndex);
    if (i >= m_entries.size()) m_entries.resize(i + 1);
    Entry& e = m_entries[i];
    if (!e.analysed) ++m_analysed;
    e.analysed = true;
    e.kept.clear();
    for (const auto& d : candidates)
        if (d.score >= kKeepFloor) e.kept.push_back(d);
    if (e.kept.size() > kKeepPerFrame) {
        std::partial_sort(e.kept.begin(), e.kept.begin() + kKeepPerFrame, e.kept.end(),
                          [](const Detection& a, const Detection& b) { return a.score > b.score; });
        e.kept.resize(kKeepPerFrame);
    }
    e.kept.shrink_to_fit();
    if (m_haveFilter) {
        e.count = static_cast<int>(filterDetections(e.kept, m_filter).size());
        e.stale = false;
    } else {
        e.stale = true;
    }
}

bool Timeline::refresh(const FilterSettings& filter, std::size_t maxFrames) {
    if (!m_haveFilter || filter != m_filter) {
        m_filter = filter;
        m_haveFilter = true;
        for (auto& e : m_entries) e.stale = true;
        m_cursor = 0;
    }
    std::size_t done = 0;
    for (; m_cursor < m_entries.size() && done < maxFrames; ++m_cursor) {
        Entry& e = m_entries[m_cursor];
        if (!e.analysed || !e.stale) continue;
        e.count = static_cast<int>(filterDetections(e.kept, m_filter).size());
        e.stale = false;
        ++done;
    }
    return m_cursor >= m_entries.size();
}

int Timeline::count(std::int64_t frameIndex) const {
    if (frameIndex < 0 || static_cast<std::size_t>(frameIndex) >= m_entries.size()) return -1;
    const Entry& e = m_entries[static_cast<std::size_t>(frameIndex)];
    return e.analysed ? e.count : -1;
}

std::int64_t Timeline::frameCount() const {
    return std::max<std::int64_t>(m_frameCount, static_cast<std::int64_t>(m_entries.size()));
}

int Timeline::maxCount() const {
    int best = 0;
    for (const auto& e : m_entries)
        if (e.analysed) best = std::max(best, e.count);
    return best;
}

std::vector<int> Timeline::bins(int n) const {
    std::vector<int> out(static_cast<std::size_t>(std::max(n, 0)), -1);
    const std::int64_t total = frameCount();
    if (n <= 0 || total <= 0) return out;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const Entry& e = m_entries[i];
        if (!e.analysed) continue;
        const auto bin = static_cast<std::size_t>(static_cast<std::int64_t>(i) * n / total);
        if (bin < out.size()) out[bin] = std::max(out[bin], std::max(e.count, 0));
    }
    return out;
}

std::int64_t Timeline::nextWithDetections(std::int64_t from) const {
    const auto n = static_cast<std::int64_t>(m_entries.size());
    for (std::int64_t step = 1; step <= n; ++step) {
        const std::int64_t i = ((from + step) % n + n) % n;
        const Entry& e = m_entries[static_cast<std::size_t>(i)];
        if (e.analysed && e.count > 0) return i;
    }
    return -1;
}

}  // namespace livedetect::ui
