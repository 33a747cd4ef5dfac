// Review throughput against the forward limit and the seed-style synchronous loop,
// measured in one run on vtest.avi (795 frames) with the default model:
//   forward limit   1 / median forward() time, default threads
//   review          the headless pipeline over every frame, JSONL export on
//   seed loop       read -> blob -> forward -> decode -> draw, one thread of control
//   build/bench/bench_pipeline [workers]
#include "bench_support.hpp"

#include "livedetect/detect/detector.hpp"
#include "livedetect/export/annotate.hpp"
#include "livedetect/export/detection_writer.hpp"
#include "livedetect/pipeline/pipeline.hpp"

#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

#include <thread>

using namespace livedetect;

namespace {

double seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// forward() times over the first frames of the clip, default thread count.
void sampleForwardMs(const ModelSpec& spec, int frames, std::vector<double>& forward, int threads = -1) {
    cv::setNumThreads(threads);
    Detector detector(spec);
    cv::VideoCapture cap(bench::vtestAvi().string());
    cv::Mat frame;
    for (int i = 0; i < frames + 5 && cap.read(frame); ++i) {
        const auto out = detector.detect(frame);
        if (i >= 5) forward.push_back(out.timings.forwardMs);  // first ones warm up
    }
}

// The loop everyone writes first.
double seedLoopFps(const ModelSpec& spec, const FilterSettings& filter, int& frames) {
    cv::setNumThreads(-1);
    Detector detector(spec);
    cv::VideoCapture cap(bench::vtestAvi().string());
    cv::Mat frame;
    frames = 0;
    const auto start = Clock::now();
    while (cap.read(frame)) {
        const auto detections = filterDetections(detector.detect(frame).candidates, filter);
        drawDetections(frame, detections, detector.labels());
        ++frames;
    }
    return frames / seconds(start);
}

double reviewFps(const ModelSpec& spec, const FilterSettings& filter, int workers, int& frames, int& usedWorkers) {
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    if (workers <= 0) workers = cores;
    std::vector<std::unique_ptr<FrameDetector>> detectors;
    for (int i = 0; i < workers; ++i) detectors.push_back(std::make_unique<Detector>(spec));
    const auto model = detectors.front()->description();
    const auto jsonl = std::filesystem::temp_directory_path() / "livedetect_bench.jsonl";
    auto writer = openDetectionWriter(jsonl, {spec.name, model->sha256, bench::vtestAvi().string(), filter, model->labels});
    PipelineOptions options;
    options.mode = RunMode::Review;
    options.workers = workers;
    Pipeline pipeline(options);
    frames = 0;
    const auto start = Clock::now();
    pipeline.start(openSource(parseSourceSpec(bench::vtestAvi().string())), std::move(detectors));
    while (true) {
        const auto popped = pipeline.waitPop(std::chrono::milliseconds(200));
        if (popped.finished) break;
        if (!popped.result) continue;
        writer->writeFrame(popped.result->frame.index, popped.result->frame.ptsMs,
                           filterDetections(popped.result->candidates, filter));
        ++frames;
    }
    const double fps = frames / seconds(start);
    usedWorkers = pipeline.status().workers;
    pipeline.stop();
    std::filesystem::remove(jsonl);
    return fps;
}

}  // namespace

int main(int argc, char** argv) {
    const int workers = argc > 1 ? std::stoi(argv[1]) : 0;
    const ModelSpec spec = bench::defaultModelOrExit();
    FilterSettings filter;
    filter.confidence = spec.defaultConfidence;
    filter.nmsIou = spec.defaultNms;

    // The machine's speed drifts: forward() is sampled before and after the runs it is
    // compared with, and the median of all samples is the forward limit.
    std::vector<double> forward;
    sampleForwardMs(spec, 60, forward);
    int seedFrames = 0, reviewFrames = 0, usedWorkers = 0;
    const double seed = seedLoopFps(spec, filter, seedFrames);
    const double review = reviewFps(spec, filter, workers, reviewFrames, usedWorkers);
    sampleForwardMs(spec, 60, forward);
    const double forwardMs = bench::median(forward);
    const double forwardLimit = 1000.0 / forwardMs;
    // What frame-parallel review can reach at best: every core running its own
    // single-threaded net, nothing else.
    std::vector<double> single;
    sampleForwardMs(spec, 40, single, 1);
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    const double ceiling = cores * 1000.0 / bench::median(single);

    std::printf("bench_pipeline: %s on %s, %u cores\n", spec.name.c_str(), bench::vtestAvi().filename().string().c_str(),
                std::thread::hardware_concurrency());
    std::printf("  median forward():          %7.2f ms -> forward limit %6.1f fps\n", forwardMs, forwardLimit);
    std::printf("  seed loop (sync):          %7d frames at %6.1f fps\n", seedFrames, seed);
    std::printf("  review, %d worker(s), JSONL: %5d frames at %6.1f fps\n", usedWorkers, reviewFrames, review);
    std::printf("  single-thread forward():   %7.2f ms -> %d nets on %d cores at best %6.1f fps\n", bench::median(single),
                cores, cores, ceiling);
    std::printf("  review / forward limit:    %7.2fx (target >= 1.25x)\n", review / forwardLimit);
    std::printf("  review / %d-net ceiling:    %7.2fx\n", cores, review / ceiling);
    std::printf("  review / seed loop:        %7.2fx\n", review / seed);
    return 0;
}
