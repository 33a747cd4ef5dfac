// LiveSource: a camera (V4L2), a GStreamer pipeline or a network stream (FFmpeg). Frames
// arrive in real time; a failed read is an Error the owner answers with reopen().
// Used by one thread at a time (see VideoSource).
#include "livedetect/core/errors.hpp"
#include "source_impl.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace livedetect::detail {
namespace {

bool isGstPipeline(const SourceSpec& spec) {
    return spec.kind == SourceKind::Stream && spec.location.find("://") == std::string::npos;
}

std::string schemeOf(const std::string& url) {
    std::string scheme = url.substr(0, url.find("://"));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    return scheme;
}

// Protocols that carry live video; other URLs (http, file, ...) may point at whole files.
bool isLiveProtocol(const std::string& scheme) {
    static const char* const live[] = {"rtsp", "rtsps", "rtmp", "rtmps", "udp", "rtp", "srt", "tcp", "mms"};
    return std::any_of(std::begin(live), std::end(live), [&](const char* s) { return scheme == s; });
}

// FFmpeg network streams: a dead server fails the open or the read instead of hanging.
std::vector<int> timeoutParams(const SourceSpec& spec) {
    const int ms = std::max(100, spec.streamTimeoutMs);
    return {cv::CAP_PROP_OPEN_TIMEOUT_MSEC, ms, cv::CAP_PROP_READ_TIMEOUT_MSEC, ms};
}

class LiveSource final : public VideoSource {
public:
    explicit LiveSource(SourceSpec spec) : m_spec(std::move(spec)), m_openedAt(Clock::now()) {
        m_info.kind = m_spec.kind;
        m_info.live = true;
        m_info.seekable = false;
        if (m_spec.kind == SourceKind::Camera) m_info.cameraIndex = m_spec.cameraIndex;
        m_info.description = m_spec.kind == SourceKind::Camera ? "camera " + std::to_string(m_spec.cameraIndex)
                                                                : m_spec.location;
    }

    const SourceInfo& info() const override { return m_info; }

    // Opens the capture (throws SourceOpenError). The caller then either keeps this
    // source or hands the capture to a VideoFileSource (a URL to a whole file).
    cv::VideoCapture& open() {
        openCapture();
        return m_cap;
    }

    // Reads frame 0 now so a source that opens but gives nothing fails at open; the
    // frame is kept for the first read (it is as old as the gap between open and read).
    void probe() {
        Frame first;
        std::string error;
        if (read(first, error) != ReadStatus::Ok) throw SourceOpenError(error);
        m_info.size = first.image.size();
        m_pending = std::move(first);
    }

    ReadStatus read(Frame& out, std::string& error) override {
        if (m_pending) {
            out = std::move(*m_pending);
            m_pending.reset();
            return ReadStatus::Ok;
        }
        if (m_failure) {
            error = *m_failure;
            return ReadStatus::Error;
        }
        const auto start = Clock::now();
        if (!m_cap.read(m_raw) || m_raw.empty()) {
            m_failure = failureMessage(std::max(m_lastReadMs, msBetween(start, Clock::now())));
            error = *m_failure;
            return ReadStatus::Error;
        }
        const auto now = Clock::now();
        out.image = ownedBgr(m_raw);
        out.index = m_nextIndex++;
        out.ptsMs = msBetween(m_openedAt, now);  // index and pts run on across reopen()
        out.decodeMs = msBetween(start, Clock::now());
        m_lastReadMs = out.decodeMs;
        ++m_framesSinceOpen;
        return ReadStatus::Ok;
    }

    void reopen() override {
        m_cap.release();
        m_pending.reset();
        openCapture();
    }

private:
    void openCapture() {
        m_failure.reset();
        m_framesSinceOpen = 0;
        m_lastReadMs = 0.0;
        try {
            if (m_spec.kind == SourceKind::Camera) openCamera();
            else openStream();
        } catch (const cv::Exception& e) {
            throw SourceOpenError(m_info.description + ": " + e.what());
        }
        const double fps = m_cap.get(cv::CAP_PROP_FPS);
        m_info.fps = std::isfinite(fps) && fps > 0.0 && fps < 1000.0 ? fps : 0.0;
        m_info.size = {static_cast<int>(m_cap.get(cv::CAP_PROP_FRAME_WIDTH)),
                       static_cast<int>(m_cap.get(cv::CAP_PROP_FRAME_HEIGHT))};
    }

    void openCamera() {
        if (!m_cap.open(m_spec.cameraIndex, cv::CAP_V4L2))
            throw SourceOpenError("no camera at index " + std::to_string(m_spec.cameraIndex));
        // Requests go one by one after open: passed to open(), one the camera refuses
        // would fail the whole open.
        if (m_spec.requestMjpg) m_cap.set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'));
        if (m_spec.requestedSize.area() > 0) {
            m_cap.set(cv::CAP_PROP_FRAME_WIDTH, m_spec.requestedSize.width);
            m_cap.set(cv::CAP_PROP_FRAME_HEIGHT, m_spec.requestedSize.height);
        }
        if (m_spec.requestedFps > 0.0) m_cap.set(cv::CAP_PROP_FPS, m_spec.requestedFps);
        const cv::Size got{static_cast<int>(m_cap.get(cv::CAP_PROP_FRAME_WIDTH)),
                           static_cast<int>(m_cap.get(cv::CAP_PROP_FRAME_HEIGHT))};
        if (m_spec.requestedSize.area() > 0 && got != m_spec.requestedSize)
            warn(m_info.description + " gives " + std::to_string(got.width) + "x" + std::to_string(got.height) +
                 " instead of the requested " + std::to_string(m_spec.requestedSize.width) + "x" +
                 std::to_string(m_spec.requestedSize.height));
    }

    void openStream() {
        if (isGstPipeline(m_spec)) {
            // OpenCV 4.6's GStreamer backend rejects the timeout properties (open fails).
            if (!m_cap.open(m_spec.location, cv::CAP_GSTREAMER))
                throw SourceOpenError("cannot open GStreamer pipeline " + m_spec.location +
                                      (m_spec.location.find("appsink") == std::string::npos
                                           ? " (it must end in appsink)"
                                           : " (see GStreamer's messages on stderr)"));
            return;
        }
        if (!m_cap.open(m_spec.location, cv::CAP_FFMPEG, timeoutParams(m_spec)))
            throw SourceOpenError("cannot open stream " + m_spec.location + " (see FFmpeg's messages on stderr)");
    }

    // FFmpeg's read timeout expires inside the read that then returns the last buffered
    // frame; the failing read comes right after. So the longer of the two reads tells a
    // stream that went silent from one that ended.
    std::string failureMessage(double waitedMs) const {
        if (m_framesSinceOpen == 0) return m_info.description + ": opened, but no frame arrived";
        if (m_spec.kind == SourceKind::Camera) return m_info.description + " stopped delivering frames";
        if (!isGstPipeline(m_spec) && waitedMs >= 0.8 * m_spec.streamTimeoutMs)
            return m_info.description + ": stream read failed (no data for " +
                   std::to_string(static_cast<int>(waitedMs + 0.5)) + " ms)";
        return m_info.description + ": stream ended after " + std::to_string(m_framesSinceOpen) + " frames";
    }

    SourceSpec m_spec;
    SourceInfo m_info;
    cv::VideoCapture m_cap;
    cv::Mat m_raw;  // the backend decodes into this; frames get a copy
    const Clock::time_point m_openedAt;
    std::int64_t m_nextIndex = 0;
    std::int64_t m_framesSinceOpen = 0;
    double m_lastReadMs = 0.0;            // how long the last successful read waited
    std::optional<Frame> m_pending;       // the frame read at open
    std::optional<std::string> m_failure; // set by a failed read until reopen()
};

}  // namespace

std::unique_ptr<VideoSource> openLiveSource(const SourceSpec& spec) {
    auto source = std::make_unique<LiveSource>(spec);
    cv::VideoCapture& capture = source->open();
    if (spec.kind == SourceKind::Stream && !isGstPipeline(spec) && !isLiveProtocol(schemeOf(spec.location))) {
        // A URL to a whole file (http, file, ...): its frame count makes it a file to review.
        const double count = capture.get(cv::CAP_PROP_FRAME_COUNT);
        if (std::isfinite(count) && count > 0) {
            SourceInfo info;
            info.description = spec.location;
            info.kind = SourceKind::Stream;
            info.live = false;
            CaptureTarget target{spec.location, cv::CAP_FFMPEG, timeoutParams(spec)};
            return adoptVideoCapture(std::move(capture), std::move(target), std::move(info));
        }
    }
    source->probe();
    return source;
}

}  // namespace livedetect::detail
