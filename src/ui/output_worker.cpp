#include "ui/output_worker.hpp"

#include "livedetect/core/errors.hpp"
#include "livedetect/core/version.hpp"
#include "livedetect/export/annotate.hpp"
#include "livedetect/export/video_writer.hpp"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>

namespace livedetect::ui {
namespace fs = std::filesystem;

struct OutputWorker::Sinks {
    fs::path videoPath;
    double videoFps = 25.0;
    std::unique_ptr<AnnotatedVideoWriter> video;
    bool videoFailed = false;
    std::shared_ptr<DetectionWriter> exporter;
};

namespace {

const LabelMap& labelsOf(const FrameResult& r) {
    static const LabelMap none;
    return r.model ? r.model->labels : none;
}

}  // namespace

OutputWorker::OutputWorker() : m_sinks(std::make_unique<Sinks>()), m_thread([this] { run(); }) {}

OutputWorker::~OutputWorker() {
    stopRecording();
    stopExport();
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void OutputWorker::push(Job job, bool droppable) {
    {
        std::lock_guard lock(m_mutex);
        if (droppable) {
            if (m_droppableQueued >= kMaxQueuedFrames) {
                ++m_dropped;
                return;
            }
            ++m_droppableQueued;
        }
        m_jobs.emplace_back(std::move(job), droppable);
    }
    m_wake.notify_one();
}

void OutputWorker::run() {
    for (;;) {
        std::pair<Job, bool> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
            // Stop only once the queue is empty: files must be closed properly.
            if (m_jobs.empty()) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            m_busy = true;
        }
        // A job never throws out of here: an exception becomes a message for the status bar.
        try {
            job.first();
        } catch (const std::exception& e) {
            message(true, e.what());
        }
        {
            std::lock_guard lock(m_mutex);
            if (job.second) --m_droppableQueued;
            m_busy = false;
        }
        m_idle.notify_all();
    }
}

void OutputWorker::message(bool error, std::string text) {
    std::lock_guard lock(m_mutex);
    m_messages.push_back({error, std::move(text)});
}

std::vector<OutputMessage> OutputWorker::takeMessages() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_messages, {});
}

std::uint64_t OutputWorker::droppedFrames() const {
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

std::int64_t OutputWorker::recordedFrames() const {
    std::lock_guard lock(m_mutex);
    return m_recorded;
}

bool OutputWorker::waitIdle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [&] { return m_jobs.empty() && !m_busy; });
}

void OutputWorker::snapshot(std::shared_ptr<const FrameResult> result, std::vector<Detection> detections,
                            const FilterSettings& filter, const std::string& sourceName, const fs::path& png,
                            const fs::path& json) {
    push(
        [this, result = std::move(result), detections = std::move(detections), filter, sourceName, png, json] {
            const LabelMap& labels = labelsOf(*result);
            std::error_code ec;
            fs::create_directories(png.parent_path(), ec);
            cv::Mat annotated = result->frame.image.clone();
            drawDetections(annotated, detections, labels);
            bool ok = false;
            try {
                ok = cv::imwrite(png.string(), annotated);
            } catch (const cv::Exception&) {
            }
            if (!ok) throw UsageError("snapshot: cannot write " + png.string());

            nlohmann::ordered_json j;
            j["livedetect"] = kVersion;
            j["model"] = result->model ? result->model->spec.name : "";
            j["model_sha256"] = result->model ? result->model->sha256 : "";
            j["source"] = sourceName;
            j["filter"] = nlohmann::ordered_json::parse(filterToJson(filter));
            j["image"] = png.filename().string();
            const auto frame = nlohmann::ordered_json::parse(
                frameToJson(result->frame.index, result->frame.ptsMs, detections, labels));
            for (const auto& [key, value] : frame.items()) j[key] = value;
            std::ofstream out(json, std::ios::trunc);
            out << j.dump(2) << '\n';
            if (!out.flush()) throw UsageError("snapshot: cannot write " + json.string());
            message(false, "snapshot saved: " + png.string() + " (+ .json)");
        },
        false);
}

void OutputWorker::startRecording(const fs::path& file, double fps) {
    if (m_recording) stopRecording();
    m_recording = true;
    m_recordPath = file;
    {
        std::lock_guard lock(m_mutex);
        m_recorded = 0;
    }
    push(
        [this, file, fps] {
            m_sinks->video.reset();
            m_sinks->videoFailed = false;
            m_sinks->videoPath = file;
            m_sinks->videoFps = fps;
        },
        false);
}

void OutputWorker::stopRecording() {
    if (!m_recording) return;
    m_recording = false;
    push(
        [this] {
            if (m_sinks->video) {
                m_sinks->video->close();
                message(false, "recording saved: " + m_sinks->videoPath.string() + " (" +
                                   std::to_string(m_sinks->video->frames()) + " frames)");
            }
            m_sinks->video.reset();
            m_sinks->videoPath.clear();
        },
        false);
}

void OutputWorker::startExport(const fs::path& file, ExportHeader header) {
    if (m_exporting) stopExport();
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    // Opened here so a bad path is reported at once, to the user who chose it.
    std::shared_ptr<DetectionWriter> writer = openDetectionWriter(file, std::move(header));
    m_exporting = true;
    m_exportPath = file;
    push([this, writer] { m_sinks->exporter = writer; }, false);
}

void OutputWorker::stopExport() {
    if (!m_exporting) return;
    m_exporting = false;
    push(
        [this] {
            if (m_sinks->exporter) message(false, "detections exported: " + m_sinks->exporter->path().string());
            m_sinks->exporter.reset();
        },
        false);
}

void OutputWorker::frame(std::shared_ptr<const FrameResult> result, std::vector<Detection> detections) {
    if (!m_recording && !m_exporting) return;
    push(
        [this, result = std::move(result), detections = std::move(detections)] {
            if (m_sinks->exporter) m_sinks->exporter->writeFrame(result->frame.index, result->frame.ptsMs, detections);
            if (m_sinks->videoPath.empty() || m_sinks->videoFailed) return;
            try {
                if (!m_sinks->video)
                    m_sinks->video = std::make_unique<AnnotatedVideoWriter>(m_sinks->videoPath,
                                                                            result->frame.image.size(), m_sinks->videoFps);
                cv::Mat annotated = result->frame.image.clone();
                drawDetections(annotated, detections, labelsOf(*result));
                m_sinks->video->write(annotated);
                std::lock_guard lock(m_mutex);
                ++m_recorded;
            } catch (...) {
                // One message, not one per frame: the recording stays off until restarted.
                m_sinks->videoFailed = true;
                m_sinks->video.reset();
                throw;
            }
        },
        true);
}

}  // namespace livedetect::ui
