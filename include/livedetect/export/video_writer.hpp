#pragma once
// Annotated video output (headless --output, the window's "record"). Codec by extension:
// .mp4/.m4v/.mov -> mp4v, .avi -> MJPG, .mkv -> XVID-in-Matroska. Used by one thread.
#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

#include <cstdint>
#include <filesystem>

namespace livedetect {

class AnnotatedVideoWriter {
public:
    // Throws UsageError naming the file when the extension is unknown or it cannot be
    // created. fps <= 0 is written as 25.
    AnnotatedVideoWriter(std::filesystem::path file, cv::Size frameSize, double fps);
    ~AnnotatedVideoWriter();
    AnnotatedVideoWriter(const AnnotatedVideoWriter&) = delete;
    AnnotatedVideoWriter& operator=(const AnnotatedVideoWriter&) = delete;

    // Frames of another size (a switched source) are scaled to the first frame's size.
    void write(const cv::Mat& bgr);
    // Finishes the file (the container index is written here).
    void close();
    std::int64_t frames() const { return m_frames; }
    const std::filesystem::path& path() const { return m_path; }

    static bool isVideoPath(const std::filesystem::path& file);

private:
    std::filesystem::path m_path;
    cv::Size m_size;
    cv::VideoWriter m_writer;
    std::int64_t m_frames = 0;
};

}  // namespace livedetect
