#pragma once
// Pieces for pipeline tests: a real detector made deliberately slow, a synthetic source
// that fails on cue (the "camera unplugged" of a machine without a camera), and a
// stopwatch for shutdown bounds.
#include "livedetect/capture/video_source.hpp"
#include "livedetect/core/errors.hpp"
#include "livedetect/detect/detector.hpp"
#include "livedetect/pipeline/pipeline.hpp"
#include "support/test_support.hpp"

#include <opencv2/imgproc.hpp>

#include <atomic>
#include <thread>

namespace livedetect::test {

// The real Detector, plus a sleep before each frame.
class SlowDetector final : public FrameDetector {
public:
    SlowDetector(std::unique_ptr<FrameDetector> inner, std::chrono::milliseconds delay)
        : m_inner(std::move(inner)), m_delay(delay) {}
    DetectOutput detect(const cv::Mat& bgr) override {
        std::this_thread::sleep_for(m_delay);
        return m_inner->detect(bgr);
    }
    std::shared_ptr<const ModelDescription> description() const override { return m_inner->description(); }

private:
    std::unique_ptr<FrameDetector> m_inner;
    std::chrono::milliseconds m_delay;
};

inline std::vector<std::unique_ptr<FrameDetector>> realDetectors(int n, std::chrono::milliseconds delay = {}) {
    std::vector<std::unique_ptr<FrameDetector>> out;
    const ModelSpec spec = defaultModel();
    for (int i = 0; i < n; ++i) {
        std::unique_ptr<FrameDetector> d = std::make_unique<Detector>(spec);
        if (delay.count() > 0) d = std::make_unique<SlowDetector>(std::move(d), delay);
        out.push_back(std::move(d));
    }
    return out;
}

// Synthetic frames (a moving bar on grey) at `fps`. After `failAfter` frames read()
// throws, as a driver does when a USB camera is pulled; reopen() fails `reopenFailures`
// times, then works and frames continue (it fails only once).
class FlakySource final : public VideoSource {
public:
    struct Script {
        bool live = true;
        double fps = 50.0;
        int failAfter = 10;
        int reopenFailures = 2;
    };
    explicit FlakySource(Script script) : m_script(script) {
        m_info.description = "flaky test source";
        m_info.kind = script.live ? SourceKind::Stream : SourceKind::VideoFile;
        m_info.live = script.live;
        m_info.fps = script.fps;
        m_info.size = {320, 240};
    }
    const SourceInfo& info() const override { return m_info; }
    ReadStatus read(Frame& out, std::string& error) override {
        if (m_script.live) std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int>(1e6 / m_script.fps)));
        if (m_broken) {
            error = "flaky test source: not connected";
            return ReadStatus::Error;
        }
        if (reopenAttempts == 0 && m_sinceOpen == m_script.failAfter) {
            m_broken = true;
            throw std::runtime_error("sensor unplugged");
        }
        out.image = cv::Mat(240, 320, CV_8UC3, cv::Scalar(90, 90, 90));
        cv::rectangle(out.image, cv::Rect(static_cast<int>(m_index * 7 % 300), 40, 20, 160), cv::Scalar(0, 200, 255), cv::FILLED);
        out.index = m_index++;
        out.ptsMs = static_cast<double>(out.index) * 1000.0 / m_script.fps;
        ++m_sinceOpen;
        return ReadStatus::Ok;
    }
    void reopen() override {
        ++reopenAttempts;
        if (reopenAttempts <= m_script.reopenFailures) throw SourceOpenError("flaky test source: still unplugged");
        m_broken = false;
        m_sinceOpen = 0;
    }
    std::atomic<int> reopenAttempts{0};

private:
    Script m_script;
    SourceInfo m_info;
    std::int64_t m_index = 0;
    int m_sinceOpen = 0;
    bool m_broken = false;
};

// Polls status() until `pred` holds or the timeout passes; returns whether it held.
template <typename Pred>
bool waitForStatus(const Pipeline& p, Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        if (pred(p.status())) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return pred(p.status());
}

inline double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

}  // namespace livedetect::test
