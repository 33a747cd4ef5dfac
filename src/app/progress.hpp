#pragma once
// Progress of a headless run on stderr: a bar redrawn in place when stderr is a
// terminal, plain lines every few seconds otherwise (logs, CI). Consumer thread only.
#include "livedetect/core/types.hpp"

#include <cstdint>
#include <cstdio>

namespace livedetect::app {

class ProgressReporter {
public:
    explicit ProgressReporter(std::int64_t total, std::FILE* out = stderr);
    void update(std::int64_t done, double fps);
    void finish();  // ends the bar's line

private:
    std::FILE* m_out;
    std::int64_t m_total;
    bool m_terminal;
    bool m_drawn = false;
    Clock::time_point m_last{};
};

}  // namespace livedetect::app
