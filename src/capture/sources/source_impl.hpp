#pragma once
// Private to src/capture: the concrete sources behind openSource() and what they share.
#include "livedetect/capture/video_source.hpp"

#include <opencv2/videoio.hpp>

#include <memory>
#include <string>
#include <vector>

namespace livedetect::detail {

// What a VideoFileSource opens: a path, or a URL to a whole file (with timeouts).
struct CaptureTarget {
    std::string location;
    int apiPreference = cv::CAP_FFMPEG;
    std::vector<int> params;  // cv::VideoCapture::open parameters
};

// Throws SourceOpenError("cannot decode video X: ...").
std::unique_ptr<VideoSource> openVideoFile(const SourceSpec& spec);
// Takes a capture already opened on target (a URL that reported a frame count).
std::unique_ptr<VideoSource> adoptVideoCapture(cv::VideoCapture capture, CaptureTarget target,
                                               SourceInfo info);
std::unique_ptr<VideoSource> openLiveSource(const SourceSpec& spec);  // Camera, Stream
std::unique_ptr<VideoSource> openImage(const SourceSpec& spec);
std::unique_ptr<VideoSource> openImageFolder(const SourceSpec& spec);

// A frame the caller may keep: BGR CV_8UC3 in its own buffer (gray, BGRA and 16-bit
// are converted; anything else is cloned, since backends reuse their buffers).
cv::Mat ownedBgr(const cv::Mat& raw);

double msBetween(Clock::time_point from, Clock::time_point to);

bool hasImageExtension(const std::string& path);

}  // namespace livedetect::detail
