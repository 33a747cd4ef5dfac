#pragma once
// A fixed-size history of one figure for the small plots (oldest first). UI thread only.
#include <algorithm>
#include <array>
#include <cstddef>

namespace livedetect::ui {

template <std::size_t N>
class PlotHistory {
public:
    void push(float v) {
        m_values[m_next] = v;
        m_next = (m_next + 1) % N;
        m_size = std::min(m_size + 1, N);
    }
    // For ImGui::PlotLines(values, count, offset): the ring's storage and its start.
    const float* data() const { return m_values.data(); }
    int offset() const { return static_cast<int>(m_size < N ? 0 : m_next); }
    int count() const { return static_cast<int>(m_size); }
    float max() const {
        float m = 0.f;
        for (std::size_t i = 0; i < m_size; ++i) m = std::max(m, m_values[i]);
        return m;
    }
    float last() const { return m_size ? m_values[(m_next + N - 1) % N] : 0.f; }

private:
    std::array<float, N> m_values{};
    std::size_t m_next = 0, m_size = 0;
};

}  // namespace livedetect::ui
