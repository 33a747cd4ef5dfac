#include "progress.hpp"

#include <unistd.h>

#include <string>

namespace livedetect::app {

ProgressReporter::ProgressReporter(std::int64_t total, std::FILE* out)
    : m_out(out), m_total(total), m_terminal(::isatty(::fileno(out)) == 1) {}

void ProgressReporter::update(std::int64_t done, double fps) {
    const auto now = Clock::now();
    const auto every = m_terminal ? std::chrono::milliseconds(100) : std::chrono::milliseconds(2000);
    if (m_drawn && now - m_last < every) return;
    m_last = now;
    m_drawn = true;
    std::string eta = "?";
    if (m_total > 0 && fps > 0) {
        const auto seconds = static_cast<long long>(static_cast<double>(m_total - done) / fps + 0.5);
        eta = std::to_string(seconds / 60) + ":" + (seconds % 60 < 10 ? "0" : "") + std::to_string(seconds % 60);
    }
    if (!m_terminal) {
        if (m_total > 0)
            std::fprintf(m_out, "livedetect: %lld/%lld frames, %.1f fps, ETA %s\n", static_cast<long long>(done),
                         static_cast<long long>(m_total), fps, eta.c_str());
        else
            std::fprintf(m_out, "livedetect: %lld frames, %.1f fps\n", static_cast<long long>(done), fps);
        std::fflush(m_out);
        return;
    }
    constexpr int kWidth = 30;
    std::string bar;
    if (m_total > 0) {
        const int filled = static_cast<int>(kWidth * std::min<double>(1.0, static_cast<double>(done) / static_cast<double>(m_total)));
        bar = "[" + std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(kWidth - filled), '-') + "] ";
        std::fprintf(m_out, "\r%s%lld/%lld frames  %.1f fps  ETA %s   ", bar.c_str(), static_cast<long long>(done),
                     static_cast<long long>(m_total), fps, eta.c_str());
    } else {
        std::fprintf(m_out, "\r%lld frames  %.1f fps   ", static_cast<long long>(done), fps);
    }
    std::fflush(m_out);
}

void ProgressReporter::finish() {
    if (m_terminal && m_drawn) std::fputc('\n', m_out);
}

}  // namespace livedetect::app
