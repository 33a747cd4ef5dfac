#pragma once
// Writes what the window produces — snapshots (annotated PNG + that frame's detections as
// JSON), the annotated recording, the detections export — on its own thread, so PNG and
// video encoding never stall the UI thread.
// Threading: every public method is called from the UI thread; the worker thread only runs
// the queued jobs. The queue is bounded: when the disk falls behind, frames of the
// recording/export are dropped and counted (shown in the status bar) rather than the UI
// waiting or memory growing. Snapshots and open/close jobs are never dropped.
#include "livedetect/core/types.hpp"
#include "livedetect/detect/filter.hpp"
#include "livedetect/detect/frame_detector.hpp"
#include "livedetect/export/detection_writer.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace livedetect::ui {

struct OutputMessage {
    bool error = false;
    std::string text;
};

class OutputWorker {
public:
    static constexpr std::size_t kMaxQueuedFrames = 48;

    OutputWorker();
    // Finishes the queued jobs (closing files properly), then joins.
    ~OutputWorker();
    OutputWorker(const OutputWorker&) = delete;
    OutputWorker& operator=(const OutputWorker&) = delete;

    // The PNG gets the frame with `detections` drawn by the core's drawDetections; the JSON
    // is frameToJson of the same detections plus model, source and filter.
    void snapshot(std::shared_ptr<const FrameResult> result, std::vector<Detection> detections,
                  const FilterSettings& filter, const std::string& sourceName, const std::filesystem::path& png,
                  const std::filesystem::path& json);

    // Recording: the writer opens at the first frame (it needs the frame size).
    void startRecording(const std::filesystem::path& file, double fps);
    void stopRecording();
    bool recording() const { return m_recording; }
    // Throws UsageError (from openDetectionWriter) when the file cannot be created.
    void startExport(const std::filesystem::path& file, ExportHeader header);
    void stopExport();
    bool exporting() const { return m_exporting; }
    const std::filesystem::path& recordingPath() const { return m_recordPath; }
    const std::filesystem::path& exportPath() const { return m_exportPath; }

    // Each result the UI takes, with the detections it shows; goes to the recording and the
    // export when they are on.
    void frame(std::shared_ptr<const FrameResult> result, std::vector<Detection> detections);

    // Results of finished jobs and errors, for the status bar.
    std::vector<OutputMessage> takeMessages();
    std::uint64_t droppedFrames() const;
    std::int64_t recordedFrames() const;
    // Tests and shutdown: true when the queue drained within the timeout.
    bool waitIdle(std::chrono::milliseconds timeout);

private:
    using Job = std::function<void()>;
    void push(Job job, bool droppable);
    void run();
    void message(bool error, std::string text);

    mutable std::mutex m_mutex;
    std::condition_variable m_wake, m_idle;
    std::deque<std::pair<Job, bool>> m_jobs;  // job, droppable
    std::size_t m_droppableQueued = 0;
    bool m_busy = false;
    bool m_stop = false;
    std::uint64_t m_dropped = 0;
    std::int64_t m_recorded = 0;
    std::vector<OutputMessage> m_messages;

    // UI-thread view of what is on.
    bool m_recording = false, m_exporting = false;
    std::filesystem::path m_recordPath, m_exportPath;

    // Worker-thread state (only touched inside jobs).
    struct Sinks;
    std::unique_ptr<Sinks> m_sinks;

    std::thread m_thread;  // last: starts after everything above exists
};

}  // namespace livedetect::ui
