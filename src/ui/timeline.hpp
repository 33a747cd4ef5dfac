#pragma once
// Detections per analysed frame, for the strip under the seek slider (review mode). Keeps a
// compact copy of each frame's strongest candidates so the counts follow the filter when
// the user moves a slider or disables a class, without re-running the network. Counts are
// brought up to date a few hundred frames per UI frame (refresh), never all at once.
// UI thread only.
#include "livedetect/core/types.hpp"
#include "livedetect/detect/filter.hpp"

#include <cstdint>
#include <vector>

namespace livedetect::ui {

class Timeline {
public:
    // Candidates below this score are not kept: with a confidence slider under it the
    // strip undercounts (the video view itself always filters the full candidate list).
    static constexpr float kKeepFloor = 0.1f;
    static constexpr std::size_t kKeepPerFrame = 128;

    // New source: forget everything. frameCount < 0 when unknown.
    void reset(std::int64_t frameCount);
    void record(std::int64_t frameIndex, const std::vector<Detection>& candidates);
    // Recount frames whose count is stale for `filter`, spending at most maxFrames frames.
    // Returns true when every count is current.
    bool refresh(const FilterSettings& filter, std::size_t maxFrames = 400);

    // -1: frame not analysed (yet).
    int count(std::int64_t frameIndex) const;
    std::int64_t frameCount() const;  // known length, or one past the last analysed frame
    std::int64_t analysedFrames() const { return m_analysed; }
    int maxCount() const;

    // The strip: `bins` buckets over [0, frameCount), each the largest count of its frames,
    // -1 where no frame of the bucket was analysed.
    std::vector<int> bins(int bins) const;
    // First analysed frame after `from` (wrapping) whose count is > 0; -1 if none.
    std::int64_t nextWithDetections(std::int64_t from) const;

private:
    struct Entry {
        std::vector<Detection> kept;
        int count = -1;
        bool analysed = false;
        bool stale = true;
    };
    std::vector<Entry> m_entries;
    std::int64_t m_frameCount = -1;
    std::int64_t m_analysed = 0;
    FilterSettings m_filter;
    bool m_haveFilter = false;
    std::size_t m_cursor = 0;  // where refresh resumes
};

}  // namespace livedetect::ui
