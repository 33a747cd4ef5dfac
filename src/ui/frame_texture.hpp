#pragma once
// The GL texture the video view draws. It holds the Frame it shows and re-uploads only when
// asked to show a different Frame object (a new result or a newer captured frame), never
// on redraws, zoom or threshold changes. UI thread only (GL).
#include "livedetect/core/types.hpp"

#include <cstdint>
#include <memory>

namespace livedetect::ui {

class FrameTexture {
public:
    FrameTexture() = default;
    ~FrameTexture();
    FrameTexture(const FrameTexture&) = delete;
    FrameTexture& operator=(const FrameTexture&) = delete;

    // Shows `frame`; uploads its pixels when it is not the frame already shown.
    // Returns true when it uploaded. Null clears.
    bool show(std::shared_ptr<const Frame> frame);

    unsigned glId() const { return m_texture; }
    const std::shared_ptr<const Frame>& frame() const { return m_frame; }
    cv::Size size() const { return m_size; }
    std::uint64_t uploads() const { return m_uploads; }

private:
    std::shared_ptr<const Frame> m_frame;
    unsigned m_texture = 0;
    cv::Size m_size{0, 0};
    std::uint64_t m_uploads = 0;
};

}  // namespace livedetect::ui
