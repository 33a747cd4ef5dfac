// VideoFileSource: a video file (or a URL to a whole file) read frame by frame, with
// exact seeking and an honest end: a file that stops before its declared frame count
// ends in Error, not End. Used by one thread at a time (see VideoSource).
#include "livedetect/core/errors.hpp"
#include "source_impl.hpp"

#include <cmath>
#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>

namespace livedetect::detail {
namespace {

// A failed read is retried this often before the file counts as ended: FFmpeg sometimes
// fails on a damaged packet and decodes the next one fine.
constexpr int kReadAttempts = 5;
// Forward seeks this short just decode forward, which is cheaper than a container seek.
constexpr std::int64_t kGrabForwardLimit = 32;
// The container seek is tried once on this frame before it is trusted with frames never
// decoded: OpenCV seeks 16 frames before the target, so a demuxer that lands on non-key
// frames (an AVI without index) shows here as wrong pixels.
constexpr std::int64_t kCalibrationFrame = 33;

// ~0.2 ms for a 768x576 frame: cheap next to decoding it, and it lets a seek be checked
// pixel for pixel against the frame a decode from frame 0 gave.
std::size_t pixelHash(const cv::Mat& image) {
    if (image.isContinuous())
        return std::hash<std::string_view>{}({image.ptr<char>(), image.total() * image.elemSize()});
    std::size_t h = 0;
    for (int y = 0; y < image.rows; ++y)
        h = h * 31 + std::hash<std::string_view>{}({image.ptr<char>(y), image.cols * image.elemSize()});
    return h;
}

class VideoFileSource final : public VideoSource {
public:
    VideoFileSource(cv::VideoCapture capture, CaptureTarget target, SourceInfo info)
        : m_cap(std::move(capture)), m_target(std::move(target)), m_info(std::move(info)) {}

    const SourceInfo& info() const override { return m_info; }

    // Decodes frame 0 (kept for the first read) so a file without a decodable frame
    // fails at open. Throws SourceOpenError.
    void probe() {
        Frame first;
        std::string error;
        if (readNext(first, error) != ReadStatus::Ok)
            throw SourceOpenError("cannot decode video " + m_target.location + ": no frame could be decoded");
        m_info.size = first.image.size();
        m_pending = std::move(first);
    }

    ReadStatus read(Frame& out, std::string& error) override {
        if (m_pending) {
            out = std::move(*m_pending);
            m_pending.reset();
            return ReadStatus::Ok;
        }
        return readNext(out, error);
    }

    bool seek(std::int64_t index, std::string& error) override {
        if (index < 0 || (m_info.frameCount > 0 && index >= m_info.frameCount)) {
            error = m_info.description + ": frame " + std::to_string(index) + " is outside 0.." +
                    std::to_string(m_info.frameCount - 1);
            return false;
        }
        if (m_pending && m_pending->index == index) return true;
        const std::int64_t previous = m_pending ? m_pending->index : m_next;
        if (positionTo(index)) return true;
        error = m_ended && !m_ended->message.empty()
                    ? m_ended->message + "; cannot reach frame " + std::to_string(index)
                    : m_info.description + ": cannot reach frame " + std::to_string(index);
        // Back to where reading was; if even that fails, reads report why.
        if (!positionTo(previous) && !m_ended) m_ended = Ended{ReadStatus::Error, error};
        return false;
    }

    // Opens the file again and goes back to the frame the next read would have given.
    void reopen() override {
        const std::int64_t next = m_pending ? m_pending->index : m_next;
        if (!openCapture())
            throw SourceOpenError("cannot decode video " + m_target.location + ": cannot reopen it");
        if (next > 0 && !positionTo(next))
            m_ended = Ended{ReadStatus::Error, m_info.description + ": cannot reach frame " +
                                                   std::to_string(next) + " after reopening"};
    }

private:
    struct Ended {
        ReadStatus status;
        std::string message;
    };

    bool openCapture() {
        m_cap.release();
        m_pending.reset();
        m_ended.reset();
        m_next = 0;
        m_chainTrusted = true;
        try {
            return m_cap.open(m_target.location, m_target.apiPreference, m_target.params);
        } catch (const cv::Exception&) {
            return false;
        }
    }

    // POS_MSEC of the frame just decoded; FFmpeg gives 0 where the container has no
    // timestamp (e.g. the last frames of an MPEG-TS), so fall back to index / fps.
    double currentPts(std::int64_t index) const {
        const double ms = m_cap.get(cv::CAP_PROP_POS_MSEC);
        if (std::isfinite(ms) && (index == 0 ? ms >= 0.0 : ms > 0.0)) return ms;
        return m_info.fps > 0.0 ? static_cast<double>(index) * 1000.0 / m_info.fps : 0.0;
    }

    // Remembers what a decode from frame 0 gave (hash 0: only grabbed, never looked at),
    // to check later seeks against.
    bool wantsHash(std::int64_t index) const {
        const auto size = static_cast<std::int64_t>(m_known.size());
        return m_chainTrusted && (index == size || (index < size && m_known[static_cast<std::size_t>(index)].hash == 0));
    }
    void remember(std::int64_t index, double pts, std::size_t hash) {
        const auto size = static_cast<std::int64_t>(m_known.size());
        if (!m_chainTrusted || index > size) return;
        if (index == size) m_known.push_back({pts, hash});
        else if (hash != 0) m_known[static_cast<std::size_t>(index)].hash = hash;
    }
    bool isKnown(std::int64_t index) const {
        return index < static_cast<std::int64_t>(m_known.size()) && m_known[static_cast<std::size_t>(index)].hash != 0;
    }

    // A seek landed on index: does the frame match what the decode from frame 0 gave?
    bool matchesKnown(const Frame& frame) const {
        if (frame.index >= static_cast<std::int64_t>(m_known.size())) return true;  // nothing to compare with
        const Known& known = m_known[static_cast<std::size_t>(frame.index)];
        if (known.hash != 0) return pixelHash(frame.image) == known.hash;
        return std::abs(frame.ptsMs - known.ptsMs) <= 0.5;
    }

    // One decode attempt; on success out is frame m_next and m_next advances.
    bool decodeNext(Frame& out) {
        const auto start = Clock::now();
        if (!m_cap.read(m_raw) || m_raw.empty()) return false;
        out.image = ownedBgr(m_raw);
        out.index = m_next;
        out.ptsMs = currentPts(m_next);
        out.decodeMs = msBetween(start, Clock::now());
        if (wantsHash(m_next)) remember(m_next, out.ptsMs, pixelHash(out.image));
        ++m_next;
        return true;
    }

    ReadStatus readNext(Frame& out, std::string& error) {
        if (m_ended) {
            error = m_ended->message;
            return m_ended->status;
        }
        const bool pastDeclaredEnd = m_info.frameCount > 0 && m_next >= m_info.frameCount;
        const int attempts = pastDeclaredEnd ? 1 : kReadAttempts;
        for (int failed = 0; failed < attempts; ++failed) {
            if (decodeNext(out)) {
                if (failed > 0) {
                    m_failedReads += failed;
                    warn(m_info.description + ": " + std::to_string(failed) +
                         " failed read(s) before frame " + std::to_string(out.index) + " (damaged data skipped)");
                }
                return ReadStatus::Ok;
            }
        }
        m_ended = endOfFile();
        error = m_ended->message;
        return m_ended->status;
    }

    Ended endOfFile() const {
        const std::int64_t total = m_info.frameCount;
        if (total <= 0 || m_next >= total) return {ReadStatus::End, {}};
        const std::string n = std::to_string(m_next), of = std::to_string(total);
        if (m_failedReads > 0)
            return {ReadStatus::Error, m_info.description + ": decoded " + n + " of " + of + " frames (file damaged)"};
        return {ReadStatus::Error,
                m_info.description + ": video ends at frame " + n + " of " + of + " (file truncated or damaged)"};
    }

    // Afterwards m_pending holds frame index, exactly as a decode from frame 0 gives it.
    bool positionTo(std::int64_t index) {
        m_pending.reset();
        m_ended.reset();
        if (index >= m_next && index - m_next <= kGrabForwardLimit) return grabForwardTo(index) && decodePending();
        if (!m_seekUnreliable && (isKnown(index) || containerSeekWorks())) {
            if (fastSeek(index)) return true;
            if (!slowSeek(index)) return false;  // the file ends before index
            markSeekUnreliable();  // the container seek landed elsewhere, but the frame exists
            return true;
        }
        return slowSeek(index);
    }

    // Once per file: decode up to kCalibrationFrame from the start, then container-seek
    // to it and compare. Short files always decode from the start: that is cheap.
    bool containerSeekWorks() {
        if (m_seekCalibrated) return !m_seekUnreliable;
        m_seekCalibrated = true;
        bool works = m_info.frameCount < 0 || m_info.frameCount > kCalibrationFrame;
        if (works && !isKnown(kCalibrationFrame)) {
            works = openCapture();
            for (Frame frame; works && m_next <= kCalibrationFrame;) works = decodeNext(frame);
        }
        if (works && !fastSeek(kCalibrationFrame)) {
            markSeekUnreliable();
            return false;
        }
        m_seekUnreliable = !works;
        return works;
    }

    void markSeekUnreliable() {
        m_seekUnreliable = true;
        warn(m_info.description + ": the container seeks inexactly; seeking now decodes from the start (slow)");
    }

    // OpenCV's FFmpeg seek already decodes forward from an earlier key frame, exactly for
    // the indexed AVI, MP4, MKV and WebM files tried. It lands elsewhere in an MPEG-TS, and
    // in an AVI without index (a truncated one) it starts decoding at a non-key frame while
    // POS_FRAMES and the pts look right. So: POS_FRAMES is checked, and a frame decoded
    // before is compared pixel for pixel; frames never decoded cannot be checked.
    bool fastSeek(std::int64_t index) {
        m_cap.set(cv::CAP_PROP_POS_FRAMES, static_cast<double>(index));
        m_chainTrusted = false;
        if (std::llround(m_cap.get(cv::CAP_PROP_POS_FRAMES)) != index) return false;
        m_next = index;
        if (!decodePending()) return false;
        if (!matchesKnown(*m_pending)) {
            m_pending.reset();
            return false;
        }
        m_chainTrusted = index < static_cast<std::int64_t>(m_known.size());
        return true;
    }

    // Exact by construction: decode from frame 0 (or from here, when here is trusted).
    bool slowSeek(std::int64_t index) {
        if ((!m_chainTrusted || index < m_next) && !openCapture()) return false;
        return grabForwardTo(index) && decodePending();
    }

    bool grabForwardTo(std::int64_t index) {
        for (; m_next < index; ++m_next) {
            if (!m_cap.grab()) {
                m_ended = endOfFile();
                return false;
            }
            remember(m_next, currentPts(m_next), 0);
        }
        return true;
    }

    bool decodePending() {
        Frame frame;
        if (!decodeNext(frame)) {
            m_ended = endOfFile();
            return false;
        }
        m_pending = std::move(frame);
        return true;
    }

    cv::VideoCapture m_cap;
    CaptureTarget m_target;
    SourceInfo m_info;
    cv::Mat m_raw;                    // the backend decodes into this; frames get a copy
    std::int64_t m_next = 0;          // index of the frame the capture decodes next
    std::optional<Frame> m_pending;   // decoded ahead (open, seek); the next read returns it
    std::optional<Ended> m_ended;     // set once reading ran out; cleared by a seek
    std::int64_t m_failedReads = 0;   // reads that failed and were skipped past
    struct Known {
        double ptsMs;
        std::size_t hash;
    };
    std::vector<Known> m_known;       // frames 0..n-1 as a decode from frame 0 gave them
    bool m_chainTrusted = true;       // the capture's position is known to be m_next
    bool m_seekCalibrated = false;    // containerSeekWorks() ran
    bool m_seekUnreliable = false;    // a container seek was caught landing elsewhere
};

double usableFps(double fps) { return std::isfinite(fps) && fps > 0.0 && fps < 1000.0 ? fps : 0.0; }

}  // namespace

std::unique_ptr<VideoSource> adoptVideoCapture(cv::VideoCapture capture, CaptureTarget target, SourceInfo info) {
    info.fps = usableFps(capture.get(cv::CAP_PROP_FPS));
    const double count = capture.get(cv::CAP_PROP_FRAME_COUNT);
    info.frameCount = std::isfinite(count) && count > 0 ? std::llround(count) : -1;
    info.seekable = true;
    auto source = std::make_unique<VideoFileSource>(std::move(capture), std::move(target), std::move(info));
    source->probe();
    return source;
}

std::unique_ptr<VideoSource> openVideoFile(const SourceSpec& spec) {
    const std::string& path = spec.location;
    CaptureTarget target{path, cv::CAP_FFMPEG, {}};
    cv::VideoCapture capture;
    try {
        // FFmpeg first: its seeking and frame counts are what this class is tested on.
        // Not CAP_ANY: it would also try the image-sequence backend, which throws on text files.
        if (!capture.open(path, cv::CAP_FFMPEG)) {
            target.apiPreference = cv::CAP_GSTREAMER;
            if (!capture.open(path, cv::CAP_GSTREAMER))
                throw SourceOpenError("cannot decode video " + path + ": neither FFmpeg nor GStreamer can open it");
        }
    } catch (const cv::Exception& e) {
        throw SourceOpenError("cannot decode video " + path + ": " + e.what());
    }
    SourceInfo info;
    info.description = std::filesystem::path(path).filename().string();
    info.kind = SourceKind::VideoFile;
    info.live = false;
    return adoptVideoCapture(std::move(capture), std::move(target), std::move(info));
}

}  // namespace livedetect::detail
