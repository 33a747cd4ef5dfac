// VideoSource against the real backends: vtest.avi (FFmpeg), dog.jpg, folders written
// here, GStreamer's videotestsrc. No camera exists on the test machines.
#include "livedetect/capture/video_source.hpp"
#include "livedetect/core/errors.hpp"
#include "support/test_support.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

using namespace livedetect;
using namespace livedetect::test;
namespace fs = std::filesystem;

namespace {

bool samePixels(const cv::Mat& a, const cv::Mat& b) {
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0.0;
}

const std::vector<std::int64_t> kSeekTargets = {0, 1, 2, 100, 101, 102, 399, 400, 794};

// Frames of a plain sequential cv::VideoCapture decode: what exact seeking must match.
const std::map<std::int64_t, cv::Mat>& referenceFrames() {
    static const std::map<std::int64_t, cv::Mat> frames = [] {
        std::map<std::int64_t, cv::Mat> kept;
        cv::VideoCapture cap(vtestAvi().string(), cv::CAP_FFMPEG);
        cv::Mat m;
        for (std::int64_t i = 0; cap.read(m); ++i)
            if (std::find(kSeekTargets.begin(), kSeekTargets.end(), i) != kSeekTargets.end()) kept[i] = m.clone();
        return kept;
    }();
    return frames;
}

std::unique_ptr<VideoSource> open(const std::string& text) { return openSource(parseSourceSpec(text)); }

// Reads until the source stops; returns the frames' indices, the final status and error.
struct Drained {
    std::vector<std::int64_t> indices;
    ReadStatus status = ReadStatus::Ok;
    std::string error;
};
Drained drain(VideoSource& source, std::int64_t limit = 100000) {
    Drained d;
    Frame f;
    while (static_cast<std::int64_t>(d.indices.size()) < limit &&
           (d.status = source.read(f, d.error)) == ReadStatus::Ok)
        d.indices.push_back(f.index);
    return d;
}

void writeFile(const fs::path& file, const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; }

const char* const kLivePipeline =
    "videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 ! "
    "videoconvert ! appsink";

}  // namespace

TEST_CASE("sources: parseSourceSpec") {
    CHECK(parseSourceSpec("0").kind == SourceKind::Camera);
    CHECK(parseSourceSpec("7").cameraIndex == 7);
    CHECK(parseSourceSpec("99").cameraIndex == 99);
    CHECK(parseSourceSpec(vtestAvi().string()).kind == SourceKind::VideoFile);
    CHECK(parseSourceSpec(dogJpg().string()).kind == SourceKind::Image);
    TempDir dir;
    CHECK(parseSourceSpec(dir.path().string()).kind == SourceKind::ImageFolder);
    writeFile(dir / "notes.txt", "not a picture");
    CHECK(parseSourceSpec((dir / "notes.txt").string()).kind == SourceKind::VideoFile);
    writeFile(dir / "a ! b.mp4", "x");  // an existing file wins over the pipeline test
    CHECK(parseSourceSpec((dir / "a ! b.mp4").string()).kind == SourceKind::VideoFile);

    for (const char* stream : {"videotestsrc ! appsink", "videotestsrc!videoconvert!appsink",
                               "uridecodebin uri=file:///x.mp4 ! videoconvert ! appsink", "rtsp://10.0.0.2:554/cam",
                               "http://example.com/clip.mp4", "udp://@:5000", "file:///tmp/x.avi"}) {
        CAPTURE(stream);
        const SourceSpec spec = parseSourceSpec(stream);
        CHECK(spec.kind == SourceKind::Stream);
        CHECK(spec.location == stream);
    }
    CHECK_THROWS_WITH_AS(parseSourceSpec("/no/such/clip.mp4"), "input /no/such/clip.mp4: no such file or folder",
                         SourceOpenError);
    CHECK_THROWS_AS(parseSourceSpec("100"), SourceOpenError);  // cameras go to 99; "100" is a missing file
    CHECK_THROWS_AS(parseSourceSpec("photos!"), SourceOpenError);
    CHECK(sourceKindName(SourceKind::ImageFolder) == "image folder");
}

TEST_CASE("sources: vtest.avi info and a full sequential read") {
    auto source = open(vtestAvi().string());
    const SourceInfo& info = source->info();
    CHECK(info.kind == SourceKind::VideoFile);
    CHECK(info.description == "vtest.avi");
    CHECK(info.frameCount == 795);
    CHECK(info.fps == doctest::Approx(10.0));
    CHECK(info.size == cv::Size(768, 576));
    CHECK_FALSE(info.live);
    CHECK(info.seekable);

    const auto& reference = referenceFrames();
    Frame f;
    std::string error;
    std::int64_t n = 0;
    cv::Mat previous;
    while (source->read(f, error) == ReadStatus::Ok) {
        CHECK(f.index == n);
        CHECK(f.ptsMs == doctest::Approx(n * 100.0));
        CHECK(f.image.type() == CV_8UC3);
        CHECK(f.decodeMs >= 0.0);
        if (auto it = reference.find(n); it != reference.end()) CHECK(samePixels(f.image, it->second));
        // Owned: the previous frame's buffer is not reused for this one.
        if (!previous.empty()) CHECK(f.image.data != previous.data);
        previous = f.image;
        ++n;
    }
    CHECK(n == 795);
    CHECK(error.empty());
    CHECK(source->read(f, error) == ReadStatus::End);  // stays at the end
}

TEST_CASE("sources: exact seek on vtest.avi matches a sequential decode") {
    const auto& reference = referenceFrames();
    REQUIRE(reference.size() == kSeekTargets.size());
    auto source = open(vtestAvi().string());
    Frame f;
    std::string error;
    const auto seekAndCheck = [&](std::int64_t target) {
        CAPTURE(target);
        REQUIRE(source->seek(target, error));
        REQUIRE(source->read(f, error) == ReadStatus::Ok);
        CHECK(f.index == target);
        CHECK(f.ptsMs == doctest::Approx(target * 100.0));
        CHECK(samePixels(f.image, reference.at(target)));
    };
    // Read a little first so seeks start from a decoded position.
    for (int i = 0; i < 3; ++i) REQUIRE(source->read(f, error) == ReadStatus::Ok);
    for (std::int64_t target : {100, 101, 102, 0, 1, 2, 399, 400, 794, 101, 0, 399, 794}) seekAndCheck(target);
    // After the last frame: End; a seek brings the file back.
    CHECK(source->read(f, error) == ReadStatus::End);
    seekAndCheck(400);
    CHECK(source->takeWarnings().empty());  // AVI seeks exactly: no fallback to decoding from 0

    CHECK_FALSE(source->seek(795, error));
    CHECK(error.find("outside 0..794") != std::string::npos);
    CHECK_FALSE(source->seek(-1, error));
    // A failed seek leaves the position where it was.
    REQUIRE(source->read(f, error) == ReadStatus::Ok);
    CHECK(f.index == 401);
}

TEST_CASE("sources: a truncated video gives every frame, then an Error naming the file and the count") {
    TempDir dir;
    const std::string whole = readFile(vtestAvi());
    const fs::path cut = dir / "vtest_cut.avi";
    writeFile(cut, whole.substr(0, whole.size() / 2));
    auto source = open(cut.string());
    CHECK(source->info().frameCount == 795);  // the header still declares the whole video

    const Drained d = drain(*source);
    const auto n = static_cast<std::int64_t>(d.indices.size());
    MESSAGE("truncated vtest.avi gave " << n << " frames: " << d.error);
    CHECK(n > 350);
    CHECK(n < 450);
    for (std::int64_t i = 0; i < n; ++i) CHECK(d.indices[static_cast<std::size_t>(i)] == i);
    CHECK(d.status == ReadStatus::Error);
    CHECK(d.error == "vtest_cut.avi: video ends at frame " + std::to_string(n) + " of 795 (file truncated or damaged)");
    Frame f;
    std::string again;
    CHECK(source->read(f, again) == ReadStatus::Error);  // stays failed
    CHECK(again == d.error);

    // Frames past the cut cannot be reached; frames before it still can, exactly, although
    // without its index the AVI's container seek starts decoding at non-key frames.
    std::string error;
    CHECK_FALSE(source->seek(n + 10, error));
    CHECK(error == d.error + "; cannot reach frame " + std::to_string(n + 10));
    const auto farStart = Clock::now();
    CHECK_FALSE(source->seek(700, error));
    MESSAGE("failed seek to 700: " << std::chrono::duration<double, std::milli>(Clock::now() - farStart).count()
                                   << " ms: " << error);
    REQUIRE(source->seek(100, error));
    REQUIRE(source->read(f, error) == ReadStatus::Ok);
    CHECK(f.index == 100);
    CHECK(samePixels(f.image, referenceFrames().at(100)));
    const auto warnings = source->takeWarnings();
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "vtest_cut.avi: the container seeks inexactly; seeking now decodes from the start (slow)");
    for (std::int64_t target : {2, 399 - 1, 101}) {
        CAPTURE(target);
        REQUIRE(source->seek(target, error));
        REQUIRE(source->read(f, error) == ReadStatus::Ok);
        CHECK(f.index == target);
        if (referenceFrames().count(target)) CHECK(samePixels(f.image, referenceFrames().at(target)));
    }
}

TEST_CASE("sources: a video damaged in the middle reports the frames it lost") {
    TempDir dir;
    std::string bytes = readFile(vtestAvi());
    std::fill(bytes.begin() + 4'000'000, bytes.begin() + 4'200'000, '\0');
    writeFile(dir / "vtest_hole.avi", bytes);
    auto source = open((dir / "vtest_hole.avi").string());
    const Drained d = drain(*source);
    MESSAGE("vtest.avi with 200 KB zeroed gave " << d.indices.size() << " frames: " << d.error);
    CHECK(d.indices.size() > 400);
    CHECK(d.indices.size() < 795);
    CHECK(d.status == ReadStatus::Error);
    CHECK(d.error.find("vtest_hole.avi") == 0);
    CHECK(d.error.find(std::to_string(d.indices.size()) + " of 795") != std::string::npos);
}

TEST_CASE("sources: files that are not videos fail at open") {
    TempDir dir;
    writeFile(dir / "notes.txt", "not a video at all");
    writeFile(dir / "empty.mp4", "");
    for (const char* name : {"notes.txt", "empty.mp4"}) {
        CAPTURE(name);
        const std::string path = (dir / name).string();
        CHECK_THROWS_WITH_AS(open(path), doctest::Contains(("cannot decode video " + path).c_str()), SourceOpenError);
    }
}

TEST_CASE("sources: a single image is one frame, then End, and seek(0) delivers it again") {
    auto source = open(dogJpg().string());
    const SourceInfo& info = source->info();
    CHECK(info.kind == SourceKind::Image);
    CHECK(info.description == "dog.jpg");
    CHECK(info.frameCount == 1);
    CHECK(info.size == cv::Size(768, 576));
    CHECK(info.seekable);
    CHECK_FALSE(info.live);
    Frame f;
    std::string error;
    REQUIRE(source->read(f, error) == ReadStatus::Ok);
    CHECK(f.index == 0);
    CHECK(f.ptsMs == 0.0);
    CHECK(f.image.type() == CV_8UC3);
    cv::Mat first = f.image;
    first.setTo(cv::Scalar::all(0));  // the consumer draws on its copy ...
    CHECK(source->read(f, error) == ReadStatus::End);
    REQUIRE(source->seek(0, error));
    REQUIRE(source->read(f, error) == ReadStatus::Ok);
    CHECK(samePixels(f.image, cv::imread(dogJpg().string())));  // ... not on the source's
    CHECK_FALSE(source->seek(1, error));
}

TEST_CASE("sources: an image folder in natural order, skipping what is not an image") {
    TempDir dir;
    cv::Mat gray(32, 32, CV_8UC1, cv::Scalar(7));
    cv::Mat bgr(48, 64, CV_8UC3, cv::Scalar(1, 2, 3));
    cv::Mat bgra(30, 40, CV_8UC4, cv::Scalar(9, 8, 7, 255));
    REQUIRE(cv::imwrite((dir / "img1.png").string(), gray));
    REQUIRE(cv::imwrite((dir / "img2.bmp").string(), bgr));
    REQUIRE(cv::imwrite((dir / "img10.png").string(), bgra));
    writeFile(dir / "img3.jpg", "this is not a jpeg");
    writeFile(dir / "notes.txt", "camera settings");
    writeFile(dir / ".hidden", "");

    auto source = open(dir.path().string());
    const SourceInfo& info = source->info();
    CHECK(info.kind == SourceKind::ImageFolder);
    CHECK(info.frameCount == 4);  // img1, img2, img3 (corrupt), img10
    CHECK(info.seekable);
    CHECK(source->takeWarnings() == std::vector<std::string>{"skipped notes.txt: not an image"});

    Frame f;
    std::string error;
    std::vector<std::int64_t> indices;
    std::vector<cv::Size> sizes;
    while (source->read(f, error) == ReadStatus::Ok) {
        CHECK(f.image.type() == CV_8UC3);
        indices.push_back(f.index);
        sizes.push_back(f.image.size());
    }
    CHECK(indices == std::vector<std::int64_t>{0, 1, 3});  // img3.jpg leaves a gap
    CHECK(sizes == std::vector<cv::Size>{{32, 32}, {64, 48}, {40, 30}});
    CHECK(source->takeWarnings() == std::vector<std::string>{"skipped img3.jpg: cannot decode it"});

    REQUIRE(source->seek(1, error));
    REQUIRE(source->read(f, error) == ReadStatus::Ok);
    CHECK(f.index == 1);
    CHECK(f.image.at<cv::Vec3b>(0, 0) == cv::Vec3b(1, 2, 3));
    CHECK_FALSE(source->seek(4, error));

    TempDir empty;
    writeFile(empty / "readme.md", "no pictures here");
    CHECK_THROWS_WITH_AS(open(empty.path().string()), ("folder " + empty.path().string() + " has no images").c_str(),
                         SourceOpenError);
}

TEST_CASE("sources: a live GStreamer pipeline delivers distinct frames at its own pace") {
    const auto openStart = Clock::now();
    auto source = open(kLivePipeline);
    MESSAGE("GStreamer open + first frame: "
            << std::chrono::duration<double, std::milli>(Clock::now() - openStart).count() << " ms");
    const SourceInfo& info = source->info();
    CHECK(info.kind == SourceKind::Stream);
    CHECK(info.live);
    CHECK_FALSE(info.seekable);
    CHECK(info.frameCount == -1);
    CHECK(info.size == cv::Size(320, 240));
    CHECK(info.fps == doctest::Approx(30.0));

    Frame f;
    std::string error;
    std::vector<Frame> frames;
    REQUIRE(source->read(f, error) == ReadStatus::Ok);  // the frame read at open
    // A slow start (TSan, a busy machine) leaves frames queued in the pipeline: read until
    // a read has to wait for the source, then measure its own pace.
    for (int i = 0; i < 60; ++i) {
        const auto t = Clock::now();
        REQUIRE(source->read(f, error) == ReadStatus::Ok);
        if (Clock::now() - t > std::chrono::milliseconds(15)) break;
    }
    const auto start = Clock::now();
    for (int i = 0; i < 15; ++i) {
        REQUIRE(source->read(f, error) == ReadStatus::Ok);
        frames.push_back(f);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double fps = 15.0 / seconds;
    MESSAGE("videotestsrc delivered " << fps << " frames/s");
    CHECK(fps > 20.0);
    CHECK(fps < 45.0);
    for (std::size_t i = 1; i < frames.size(); ++i) {
        CHECK(frames[i].index == frames[i - 1].index + 1);
        CHECK(frames[i].ptsMs > frames[i - 1].ptsMs);
        CHECK(frames[i].image.data != frames[i - 1].image.data);      // owned, not the backend's buffer
        CHECK_FALSE(samePixels(frames[i].image, frames[i - 1].image));  // the ball moves
    }
}

TEST_CASE("sources: a GStreamer pipeline that stops is an Error, and reopen() starts it again") {
    auto source = open("videotestsrc num-buffers=10 ! video/x-raw,width=160,height=120 ! videoconvert ! appsink");
    Drained d = drain(*source);
    CHECK(d.indices.size() == 10);
    CHECK(d.status == ReadStatus::Error);
    CHECK(d.error == "videotestsrc num-buffers=10 ! video/x-raw,width=160,height=120 ! videoconvert ! appsink: "
                     "stream ended after 10 frames");
    Frame f;
    std::string error;
    CHECK(source->read(f, error) == ReadStatus::Error);

    source->reopen();
    d = drain(*source);
    REQUIRE(d.indices.size() == 10);
    CHECK(d.indices.front() == 10);  // indices run on across a reconnect
    CHECK(d.status == ReadStatus::Error);
}

TEST_CASE("sources: bogus pipelines, dead URLs and missing cameras fail at open") {
    CHECK_THROWS_AS(open("nosuchelement ! appsink"), SourceOpenError);
    CHECK_THROWS_WITH_AS(open("videotestsrc ! fakesink"), doctest::Contains("must end in appsink"), SourceOpenError);
    CHECK_THROWS_WITH_AS(open("7"), "no camera at index 7", SourceOpenError);
    CHECK_THROWS_WITH_AS(open("rtsp://127.0.0.1:1/nothing"), doctest::Contains("cannot open stream"), SourceOpenError);

    // Nobody sends to this port: the open timeout ends the wait.
    SourceSpec silent = parseSourceSpec("udp://127.0.0.1:49999");
    silent.streamTimeoutMs = 500;
    const auto start = Clock::now();
    CHECK_THROWS_AS(openSource(silent), SourceOpenError);
    CHECK(std::chrono::duration<double>(Clock::now() - start).count() < 3.0);
}

TEST_CASE("sources: an FFmpeg stream that goes silent fails within the read timeout") {
    REQUIRE_MESSAGE(std::system("command -v ffmpeg >/dev/null") == 0, "install ffmpeg (scripts/setup.sh does)");
    const std::string url = "udp://127.0.0.1:" + std::to_string(40000 + getpid() % 20000);
    // Sends MPEG-TS for 2 s, then stops: UDP has no end, only silence.
    std::thread sender([&] {
        const std::string cmd = "ffmpeg -v quiet -re -f lavfi -i testsrc=size=160x120:rate=25 -t 2 -c:v mpeg2video "
                                "-f mpegts '" + url + "' </dev/null >/dev/null 2>&1";
        CHECK(std::system(cmd.c_str()) == 0);
    });
    SourceSpec spec = parseSourceSpec(url);
    spec.streamTimeoutMs = 1500;  // the open probes the MPEG-TS for about 0.9 s
    try {
        auto source = openSource(spec);
        CHECK(source->info().live);
        const auto start = Clock::now();
        const Drained d = drain(*source);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        MESSAGE(d.indices.size() << " frames, then after " << seconds << " s: " << d.error);
        CHECK(d.indices.size() > 5);
        CHECK(d.status == ReadStatus::Error);
        CHECK(d.error.find(url + ": stream read failed (no data for ") == 0);
        CHECK(seconds < 5.0);
    } catch (const SourceOpenError& e) {
        FAIL_CHECK("open failed: " << std::string(e.what()));
    }
    sender.join();
}

TEST_CASE("sources: a file:// URL with a frame count is reviewed like a file") {
    auto source = open("file://" + vtestAvi().string());
    const SourceInfo& info = source->info();
    CHECK(info.kind == SourceKind::Stream);
    CHECK_FALSE(info.live);
    CHECK(info.seekable);
    CHECK(info.frameCount == 795);
    std::string error;
    Frame f;
    REQUIRE(source->seek(399, error));
    REQUIRE(source->read(f, error) == ReadStatus::Ok);
    CHECK(f.index == 399);
    CHECK(samePixels(f.image, referenceFrames().at(399)));
}
