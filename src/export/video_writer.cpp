#include "livedetect/export/video_writer.hpp"

#include "livedetect/core/errors.hpp"
#include "livedetect/core/paths.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>

namespace livedetect {
namespace {

int fourccFor(const std::filesystem::path& file) {
    const auto ext = lowerExtension(file);
    if (ext == ".mp4" || ext == ".m4v" || ext == ".mov") return cv::VideoWriter::fourcc('m', 'p', '4', 'v');
    if (ext == ".avi") return cv::VideoWriter::fourcc('M', 'J', 'P', 'G');
    if (ext == ".mkv") return cv::VideoWriter::fourcc('X', 'V', 'I', 'D');
    return 0;
}

}  // namespace

bool AnnotatedVideoWriter::isVideoPath(const std::filesystem::path& file) { return fourccFor(file) != 0; }

AnnotatedVideoWriter::AnnotatedVideoWriter(std::filesystem::path file, cv::Size frameSize, double fps)
    : m_path(std::move(file)), m_size(frameSize) {
    const int fourcc = fourccFor(m_path);
    if (!fourcc)
        throw UsageError("video output " + m_path.string() + ": unknown format (use .mp4, .avi or .mkv)");
    if (frameSize.area() <= 0) throw UsageError("video output " + m_path.string() + ": frame size is empty");
    bool opened = false;
    try {
        opened = m_writer.open(m_path.string(), cv::CAP_FFMPEG, fourcc, fps > 0 ? fps : 25.0, frameSize);
    } catch (const cv::Exception&) {
    }
    if (!opened) throw UsageError("video output " + m_path.string() + ": cannot be created");
}

AnnotatedVideoWriter::~AnnotatedVideoWriter() { close(); }

void AnnotatedVideoWriter::write(const cv::Mat& bgr) {
    if (!m_writer.isOpened()) return;
    if (bgr.size() == m_size) {
        m_writer.write(bgr);
    } else {
        cv::Mat scaled;
        cv::resize(bgr, scaled, m_size);
        m_writer.write(scaled);
    }
    ++m_frames;
}

void AnnotatedVideoWriter::close() {
    if (m_writer.isOpened()) m_writer.release();
}

}  // namespace livedetect
