#pragma once
// The window's model of the running app, on the UI thread: owns the Pipeline, takes its
// results each UI frame (never waiting), keeps the result on screen and the filter the user
// is tuning, and turns panel actions into pipeline commands. Panels read it and call it;
// they never touch capture or the network themselves.
// Threading: UI thread only. The Pipeline it owns runs the capture and inference threads;
// the OutputWorker it owns writes files.
#include "app/cli_options.hpp"
#include "livedetect/pipeline/pipeline.hpp"
#include "ui/output_worker.hpp"
#include "ui/settings.hpp"
#include "ui/timeline.hpp"

#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace livedetect::ui {

enum class NoticeLevel { Info, Warning, Error };
struct Notice {
    NoticeLevel level = NoticeLevel::Info;
    std::string text;
    Clock::time_point at;
};

struct SessionConfig {
    bool startPaused = false;  // review sources hold on their first frame
    DetectorFactory factory = defaultDetectorFactory();
};

class Session {
public:
    static constexpr std::size_t kMaxNotices = 50;

    // Never throws for a bad model or source: those become notices and the window opens
    // anyway, with a recovery path (pick another model or source).
    Session(const app::Options& options, Settings& settings, SessionConfig config = {});
    // Stops the pipeline (< 500 ms) and finishes the files being written.
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Once per UI frame: status, every waiting result (review: all, in order), model and
    // source changes, notices. Never blocks.
    void update();

    // --- what is on screen -------------------------------------------------------------
    const PipelineStatus& status() const { return m_status; }
    const std::shared_ptr<const FrameResult>& shown() const { return m_shown; }
    // The shown result's candidates through the current filter. Recomputed here, lazily,
    // when the result or the filter changed, so a slider moved earlier in this UI frame is
    // already applied when the video view draws.
    const std::vector<Detection>& detections();
    // Synced: the shown result's frame. Smooth (live only): the newest captured frame.
    std::shared_ptr<const Frame> displayFrame() const;
    bool smoothActive() const;
    // Labels of the shown result's model (they name the ids on screen), else the active one.
    const LabelMap& labels() const;
    std::shared_ptr<const ModelDescription> activeModel() const { return m_activeModel; }
    FilterSettings& filter() { return m_filter; }
    const Timeline& timeline() const { return m_timeline; }
    const PresetCatalog* catalog() const { return m_catalog ? &*m_catalog : nullptr; }
    std::string requestedModelName() const { return m_requestedModel.name; }
    Settings& settings() { return m_settings; }
    std::uint64_t resultsTaken() const { return m_taken; }
    std::uint64_t filterRuns() const { return m_filterRuns; }
    const std::deque<Notice>& notices() const { return m_notices; }
    std::uint64_t noticesPosted() const { return m_noticesPosted; }
    // A note that stays visible (e.g. "no camera: playing the sample clip").
    const std::string& sourceNote() const { return m_sourceNote; }
    void notify(NoticeLevel level, std::string text);

    // --- commands (panels, shortcuts, tests) --------------------------------------------
    void play() { m_pipeline->play(); }
    void pause() { m_pipeline->pause(); }
    void togglePause() { m_pipeline->togglePause(); }
    void stepForward() { m_pipeline->stepForward(); }
    void stepBackward() { m_pipeline->stepBackward(); }
    void seek(std::int64_t frameIndex) { m_pipeline->seek(frameIndex); }
    void setPacing(bool realtime, float speed);
    void setLoop(bool loop);
    void setWorkers(int workers) { m_pipeline->setWorkerCount(workers); }
    // A camera index, file, folder, pipeline or URL, as on the command line.
    void openSource(const std::string& text);
    void loadPreset(const std::string& name);
    void setBackend(const std::string& name);

    // Writes the shown frame, annotated as on screen, and its detections; returns the PNG
    // path (the JSON is next to it), or nothing when there is no frame yet.
    std::optional<std::filesystem::path> snapshot();
    void toggleRecording();
    void toggleExport();
    OutputWorker& outputs() { return *m_outputs; }
    std::filesystem::path outputDir() const;

    // Stops the pipeline now (the window is closing); returns how long it took.
    std::chrono::milliseconds shutdown();

private:
    void takeResults();
    void onModelChanged();
    void followSourceFallback();
    void collectMessages();
    void startPendingOutputs();
    void loadModelSpec(const ModelSpec& spec);
    std::filesystem::path outputName(const std::string& what, const std::string& extension) const;

    Settings& m_settings;
    app::Options m_options;
    SessionConfig m_config;
    std::optional<PresetCatalog> m_catalog;
    ModelSpec m_requestedModel;
    DetectorOptions m_detectorOptions;
    std::unique_ptr<OutputWorker> m_outputs;
    std::unique_ptr<Pipeline> m_pipeline;  // after m_outputs: stopped first

    PipelineStatus m_status;
    std::shared_ptr<const FrameResult> m_shown;
    std::uint64_t m_taken = 0;
    std::uint64_t m_sourceId = 0;
    bool m_haveSourceId = false;
    Timeline m_timeline;

    FilterSettings m_filter;
    std::shared_ptr<const ModelDescription> m_activeModel;
    bool m_cliFilterPending = true;  // the CLI's filter flags apply to the first model only

    std::shared_ptr<const FrameResult> m_filteredFor;
    FilterSettings m_filteredWith;
    std::vector<Detection> m_detections;
    std::uint64_t m_filterRuns = 0;

    enum class Fallback { None, WaitingForCamera, Done };
    Fallback m_fallback = Fallback::None;
    std::string m_sourceNote;
    std::string m_lastSourceError, m_lastModelError, m_lastStatusMessage;
    PipelineState m_lastState = PipelineState::Idle;
    bool m_pendingExport = false, m_pendingRecord = false;
    std::deque<Notice> m_notices;
    std::uint64_t m_noticesPosted = 0;
    bool m_stopped = false;
};

}  // namespace livedetect::ui
