#include "headless.hpp"

#include "progress.hpp"

#include "livedetect/core/errors.hpp"
#include "livedetect/detect/detector.hpp"
#include "livedetect/export/annotate.hpp"
#include "livedetect/export/detection_writer.hpp"
#include "livedetect/export/video_writer.hpp"
#include "livedetect/pipeline/pipeline.hpp"

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <numeric>
#include <thread>

namespace livedetect::app {
namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void onSigint(int) { g_interrupted = true; }

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5)];
}

std::string detectionList(const std::vector<Detection>& detections, const LabelMap& labels, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < detections.size() && i < max; ++i)
        out += (i ? ", " : "") + detectionCaption(detections[i], labels);
    if (detections.size() > max) out += ", ...";
    return out;
}

// Where annotated frames go: one image for a single image, a video otherwise.
class AnnotatedOutput {
public:
    AnnotatedOutput(fs::path path, const SourceInfo& source) : m_path(std::move(path)), m_fps(source.fps) {
        if (m_path.empty()) return;
        m_singleImage = source.kind == SourceKind::Image;
        if (!m_singleImage && !AnnotatedVideoWriter::isVideoPath(m_path))
            throw UsageError("--output " + m_path.string() + ": use .mp4, .avi or .mkv for a video");
    }
    bool wanted() const { return !m_path.empty(); }
    void write(const cv::Mat& annotated) {
        if (m_singleImage) {
            bool ok = false;
            try {
                ok = cv::imwrite(m_path.string(), annotated);
            } catch (const cv::Exception&) {
            }
            if (!ok) throw UsageError("--output " + m_path.string() + ": cannot write an image there");
            return;
        }
        if (!m_video) m_video = std::make_unique<AnnotatedVideoWriter>(m_path, annotated.size(), m_fps);
        m_video->write(annotated);
    }
    void close() {
        if (m_video) m_video->close();
    }

private:
    fs::path m_path;
    double m_fps;
    bool m_singleImage = false;
    std::unique_ptr<AnnotatedVideoWriter> m_video;
};

}  // namespace

int listModels(const Options& options) {
    const auto catalog = PresetCatalog::load(modelsJsonFor(options.model));
    std::cout << "Model presets (" << catalog.file().string() << "):\n";
    for (const auto& p : catalog.presets()) {
        bool ready = true;
        try {
            checkModelFiles(p);
        } catch (const ModelLoadError&) {
            ready = false;
        }
        std::printf("  %-24s %s%s%s\n", p.name.c_str(), p.description.c_str(),
                    p.name == catalog.defaultName() ? " [default]" : "", ready ? "" : " [files missing]");
    }
    std::cout << "Backends (--backend):";
    for (const auto& b : availableBackends()) std::cout << ' ' << b.name;
    std::cout << '\n';
    return 0;
}

int runHeadless(const Options& options) {
    // Everything that can be wrong with the command line fails here, before any output.
    const ModelSpec spec = resolveModel(options.model);
    DetectorOptions detectorOptions;
    if (!options.backend.empty()) {
        const auto b = findBackend(options.backend);
        detectorOptions.backend = b.backend;
        detectorOptions.target = b.target;
    }
    auto source = openSource(sourceSpecFor(options.source.empty() ? "0" : options.source, options));
    const SourceInfo info = source->info();
    const bool live = options.mode == "live" || (options.mode.empty() && info.live);
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    const int workers = options.workers > 0 ? options.workers : (live ? 1 : cores);

    std::vector<std::unique_ptr<FrameDetector>> detectors;
    detectors.push_back(std::make_unique<Detector>(spec, detectorOptions));  // validates the model
    const auto model = detectors.front()->description();
    for (int i = 1; i < workers; ++i) detectors.push_back(std::make_unique<Detector>(spec, detectorOptions));
    const FilterSettings filter = resolveFilter(options.filter, spec, model->labels);

    std::unique_ptr<DetectionWriter> writer;
    if (!options.detections.empty())
        writer = openDetectionWriter(options.detections, {spec.name, model->sha256, info.description, filter, model->labels});
    AnnotatedOutput output(options.output, info);

    PipelineOptions po;
    po.mode = live ? RunMode::Live : RunMode::Review;
    po.workers = workers;
    po.pacing = options.realtime ? Pacing::RealTime : Pacing::AsFastAsPossible;
    po.loop = options.loop;
    po.maxFrames = live ? -1 : options.maxFrames;
    po.cores = cores;
    Pipeline pipeline(po);
    g_interrupted = false;
    const auto previousHandler = std::signal(SIGINT, onSigint);
    pipeline.start(std::move(source), std::move(detectors));

    const std::int64_t total = options.maxFrames > 0 && info.frameCount > 0 ? std::min<std::int64_t>(options.maxFrames, info.frameCount)
                               : options.maxFrames > 0                      ? options.maxFrames
                                                                            : info.frameCount;
    ProgressReporter progress(info.kind == SourceKind::Image ? 0 : total);
    std::map<int, std::int64_t> perClass;
    std::vector<double> latencies;
    std::int64_t frames = 0, inferenceErrors = 0;
    std::vector<Detection> lastDetections;
    const auto start = Clock::now();
    std::string failure;
    try {
        while (!g_interrupted) {
            const PopResult popped = pipeline.waitPop(std::chrono::milliseconds(100));
            for (const auto& w : pipeline.takeWarnings()) std::fprintf(stderr, "livedetect: warning: %s\n", w.c_str());
            if (popped.finished) break;
            if (!popped.result) continue;
            const FrameResult& r = *popped.result;
            if (!r.error.empty()) {
                ++inferenceErrors;
                std::fprintf(stderr, "livedetect: %s\n", r.error.c_str());
            }
            lastDetections = filterDetections(r.candidates, filter);
            for (const auto& d : lastDetections) ++perClass[d.classId];
            latencies.push_back(r.timings.preprocessMs + r.timings.forwardMs + r.timings.postprocessMs);
            if (writer) writer->writeFrame(r.frame.index, r.frame.ptsMs, lastDetections);
            if (output.wanted()) {
                cv::Mat annotated = r.frame.image.clone();
                drawDetections(annotated, lastDetections, model->labels);
                output.write(annotated);
            }
            ++frames;
            const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            if (info.kind != SourceKind::Image) progress.update(frames, elapsed > 0 ? static_cast<double>(frames) / elapsed : 0.0);
            if (live && options.maxFrames > 0 && frames >= options.maxFrames) break;
        }
    } catch (const UsageError&) {
        pipeline.stop();
        std::signal(SIGINT, previousHandler);
        throw;
    } catch (const std::exception& e) {
        failure = e.what();
    }
    const PipelineStatus status = pipeline.status();
    pipeline.stop();
    output.close();
    std::signal(SIGINT, previousHandler);
    progress.finish();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    if (info.kind == SourceKind::Image && frames == 1) {
        std::printf("%s: %zu detection%s%s%s%s in %.0f ms\n", fs::path(info.description).filename().string().c_str(),
                    lastDetections.size(), lastDetections.size() == 1 ? "" : "s", lastDetections.empty() ? "" : " (",
                    detectionList(lastDetections, model->labels, 6).c_str(), lastDetections.empty() ? "" : ")",
                    latencies.front());
    } else {
        std::int64_t detections = 0;
        for (const auto& [id, n] : perClass) detections += n;
        std::printf("%s: %lld frames in %.1f s (%.1f fps), %lld detections\n", info.description.c_str(),
                    static_cast<long long>(frames), seconds, seconds > 0 ? static_cast<double>(frames) / seconds : 0.0,
                    static_cast<long long>(detections));
        std::vector<std::pair<std::int64_t, int>> byCount;
        for (const auto& [id, n] : perClass) byCount.emplace_back(n, id);
        std::sort(byCount.rbegin(), byCount.rend());
        std::string classes;
        for (const auto& [n, id] : byCount)
            classes += (classes.empty() ? "" : ", ") + model->labels.name(id) + " " + std::to_string(n);
        if (!classes.empty()) std::printf("  classes: %s\n", classes.c_str());
        const auto& m = status.metrics;
        std::printf("  latency per frame: mean %.1f ms, p95 %.1f ms (forward mean %.1f ms); frame age p95 %.1f ms\n",
                    latencies.empty() ? 0.0 : std::accumulate(latencies.begin(), latencies.end(), 0.0) / static_cast<double>(latencies.size()),
                    percentile(latencies, 0.95), m.of(Stage::Forward).meanMs, m.of(Stage::FrameAge).p95Ms);
        std::printf("  workers %d x %d threads, dropped %llu frames\n", status.workers, status.threadsPerWorker,
                    static_cast<unsigned long long>(m.dropped));
    }
    if (!failure.empty()) {
        std::fprintf(stderr, "livedetect: %s\n", failure.c_str());
        return 1;
    }
    if (g_interrupted) {
        std::fprintf(stderr, "livedetect: interrupted after %lld frames; outputs are complete up to there\n",
                     static_cast<long long>(frames));
        return 130;
    }
    if (status.state == PipelineState::Failed || status.finishedWithError) {
        std::fprintf(stderr, "livedetect: %s\n", status.message.c_str());
        return 1;
    }
    return inferenceErrors > 0 ? 1 : 0;
}

}  // namespace livedetect::app
