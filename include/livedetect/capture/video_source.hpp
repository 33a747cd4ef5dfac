#pragma once
// Where frames come from: cameras, video files, single images, folders of images,
// GStreamer pipelines and URLs, all behind one interface and all through
// cv::VideoCapture / cv::imread.
// Threading: a VideoSource is owned and used by one thread at a time (the capture
// thread once running); opening may happen on another thread before that.
#include "livedetect/core/types.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace livedetect {

enum class SourceKind { Camera, VideoFile, Image, ImageFolder, Stream };

std::string sourceKindName(SourceKind kind);

struct SourceSpec {
    SourceKind kind = SourceKind::Camera;
    std::string location;  // path, pipeline or URL; for cameras the index as text
    int cameraIndex = 0;
    // Camera requests, applied where the camera allows (0 = leave as is).
    cv::Size requestedSize{0, 0};
    double requestedFps = 0.0;
    bool requestMjpg = true;
    // FFmpeg URLs: open and read timeouts, so a dead stream fails instead of hanging.
    // (OpenCV 4.6's GStreamer backend has no timeouts: a stalled pipeline blocks read().)
    int streamTimeoutMs = 5000;
};

// "0".."99" -> camera; scheme:// -> stream URL (FFmpeg); an existing folder -> image
// folder; an existing file imread can read -> image; other existing files -> video;
// text with " ! " (or '!' after a first word ending in "src"/"bin") -> GStreamer pipeline.
// Throws SourceOpenError("input X: no such file or folder") for anything else.
SourceSpec parseSourceSpec(const std::string& text);

struct SourceInfo {
    std::string description;  // "camera 0", "vtest.avi", a pipeline, ...
    SourceKind kind = SourceKind::VideoFile;
    bool live = false;          // frames arrive in real time whether or not we read them
    double fps = 0.0;           // 0 when unknown
    std::int64_t frameCount = -1;  // -1 when unknown (cameras, streams)
    cv::Size size{0, 0};        // of the first frame; 0x0 for folders (sizes may differ)
    bool seekable = false;
    int cameraIndex = -1;  // cameras only
};

// What each kind does (Frame::index / ptsMs and the end of the source):
// - VideoFile: index 0,1,2,... (== CAP_PROP_POS_FRAMES); pts from the container, or
//   index*1000/fps where it has none. A clean file gives frameCount frames, then End; a
//   file that stops early (truncated, damaged) gives every frame it can, then Error.
// - URL streams (FFmpeg) that report a frame count (http(s)/file URLs to whole files)
//   behave like VideoFile (not live, seekable). rtsp/rtmp/udp/... URLs, URLs without a
//   frame count and GStreamer pipelines are live: pts = ms since the source was opened,
//   and a read that fails (stream ended or cut) is an Error; reopen() to retry.
// - Camera: live, pts = ms since open; a failed read is an Error; reopen() to retry.
// - Image: one frame (index 0, pts 0), then End.
// - ImageFolder: index = position in the name-sorted list of image files (frameCount),
//   pts 0; a file that does not decode is skipped with a warning, leaving a gap.
enum class ReadStatus {
    Ok,     // out holds a frame
    End,    // the source has no more frames (clean end of a file or folder)
    Error,  // the source failed; error says why (camera lost, stream cut, undecodable)
};

class VideoSource {
public:
    virtual ~VideoSource() = default;
    virtual const SourceInfo& info() const = 0;

    // Fills out.image (BGR 8-bit, owned), out.index, out.ptsMs and out.decodeMs; the
    // caller fills the rest. After End or Error, further calls return the same again
    // (until seek() or reopen()).
    virtual ReadStatus read(Frame& out, std::string& error) = 0;

    // Next read() returns the frame with this index, exactly (decoding forward from an
    // earlier key frame when the backend seeks inexactly). Only when info().seekable.
    // Returns false (and error) when the index cannot be reached.
    virtual bool seek(std::int64_t index, std::string& error);

    // Close and open again after a failure (live sources: reconnect; files: reopen and
    // go back to the next frame; images: nothing to do). Throws SourceOpenError.
    virtual void reopen();

    // Problems that did not stop the source (a folder's unreadable files, ...).
    // Taken by the capture thread and passed on to the consumer.
    std::vector<std::string> takeWarnings();

protected:
    void warn(std::string message) { m_warnings.push_back(std::move(message)); }

private:
    std::vector<std::string> m_warnings;
};

// Throws SourceOpenError naming the source: "no camera at index 0",
// "cannot decode video video.mp4: ...", "folder photos/ has no images".
std::unique_ptr<VideoSource> openSource(const SourceSpec& spec);

}  // namespace livedetect
