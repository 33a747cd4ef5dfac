#include "ui/session.hpp"

#include "livedetect/core/errors.hpp"
#include "livedetect/export/video_writer.hpp"
#include "ui/default_source.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace livedetect::ui {
namespace fs = std::filesystem;

namespace {

PipelineOptions pipelineOptions(const app::Options& o, const Settings& s, const SessionConfig& c) {
    PipelineOptions p;
    p.mode = o.mode == "live" ? RunMode::Live : o.mode == "review" ? RunMode::Review : RunMode::Auto;
    p.workers = o.workers;
    p.pacing = (o.realtime || s.realtime) ? Pacing::RealTime : Pacing::AsFastAsPossible;
    p.speed = s.speed;
    p.loop = o.loop || s.loop;
    p.maxFrames = o.maxFrames;
    p.startPaused = c.startPaused;
    p.workerNiceness = 5;  // drawing first: on two cores inference would starve the UI thread
    return p;
}

bool modelFlagsGiven(const app::ModelFlags& f) {
    return !f.preset.empty() || f.modelFile || f.configFile;
}

std::string timestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &tm);
    return text;
}

}  // namespace

Session::Session(const app::Options& options, Settings& settings, SessionConfig config)
    : m_settings(settings), m_options(options), m_config(std::move(config)),
      m_outputs(std::make_unique<OutputWorker>()) {
    const std::string backend = !options.backend.empty() ? options.backend : settings.backend;
    if (!backend.empty()) {
        try {
            const BackendChoice choice = findBackend(backend);
            m_detectorOptions = {choice.backend, choice.target};
        } catch (const UsageError& e) {
            notify(NoticeLevel::Error, e.what());
        }
    }
    m_pipeline = std::make_unique<Pipeline>(pipelineOptions(options, settings, m_config), m_config.factory);

    try {
        m_catalog = PresetCatalog::load(app::modelsJsonFor(options.model));
    } catch (const UsageError& e) {
        notify(NoticeLevel::Error, e.what());
    }
    try {
        if (!modelFlagsGiven(options.model) && m_catalog && m_catalog->find(settings.lastModel))
            loadModelSpec(m_catalog->get(settings.lastModel));
        else
            loadModelSpec(app::resolveModel(options.model));
    } catch (const UsageError& e) {
        notify(NoticeLevel::Error, std::string("model: ") + e.what() + " — pick a model in the Model panel");
    }

    if (options.source.empty()) {
        // Camera 0 if it opens, else the sample clip (decided in followSourceFallback).
        m_fallback = Fallback::WaitingForCamera;
        m_sourceNote = "looking for camera 0…";
        SourceSpec camera;
        camera.kind = SourceKind::Camera;
        camera.location = "0";
        m_pipeline->openSource(camera);
    } else {
        openSource(options.source);
    }
    m_pendingExport = !options.detections.empty();
    m_pendingRecord = !options.output.empty();
}

Session::~Session() { shutdown(); }

std::chrono::milliseconds Session::shutdown() {
    if (m_stopped) return {};
    m_stopped = true;
    const auto start = Clock::now();
    m_pipeline->stop();
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    m_outputs->stopRecording();
    m_outputs->stopExport();
    return took;
}

void Session::notify(NoticeLevel level, std::string text) {
    m_notices.push_back({level, std::move(text), Clock::now()});
    ++m_noticesPosted;
    while (m_notices.size() > kMaxNotices) m_notices.pop_front();
}

void Session::loadModelSpec(const ModelSpec& spec) {
    m_requestedModel = spec;
    m_pipeline->loadModel(spec, m_detectorOptions);
}

void Session::update() {
    if (m_stopped) return;
    m_status = m_pipeline->status();
    takeResults();
    if (m_status.model != m_activeModel && m_status.model) onModelChanged();
    m_timeline.refresh(m_filter);
    followSourceFallback();
    startPendingOutputs();
    collectMessages();
}

void Session::takeResults() {
    // Review: every result in order, each one feeding the timeline (and the recording or
    // export); the last one is shown. Live: at most the newest.
    while (auto result = m_pipeline->tryPop()) {
        ++m_taken;
        if (!m_haveSourceId || result->frame.sourceId != m_sourceId) {
            m_haveSourceId = true;
            m_sourceId = result->frame.sourceId;
            m_timeline.reset(m_status.live ? -1 : m_status.source.frameCount);
        }
        if (!m_status.live) m_timeline.record(result->frame.index, result->candidates);
        if (m_outputs->recording() || m_outputs->exporting())
            m_outputs->frame(result, filterDetections(result->candidates, m_filter));
        m_shown = std::move(result);
    }
}

void Session::onModelChanged() {
    if (m_activeModel)
        m_settings.filters[m_activeModel->spec.name] = StoredFilter::from(m_filter, m_activeModel->labels);
    m_activeModel = m_status.model;
    const ModelSpec& spec = m_activeModel->spec;
    const LabelMap& labels = m_activeModel->labels;
    const bool cliFilter = m_cliFilterPending &&
                           (m_options.filter.confidence || m_options.filter.nms || m_options.filter.classAgnostic ||
                            m_options.filter.maxDetections || !m_options.filter.onlyClasses.empty() ||
                            !m_options.filter.classConf.empty());
    m_cliFilterPending = false;
    FilterSettings f;
    f.confidence = spec.defaultConfidence;
    f.nmsIou = spec.defaultNms;
    if (cliFilter) {
        try {
            f = app::resolveFilter(m_options.filter, spec, labels);
        } catch (const UsageError& e) {
            notify(NoticeLevel::Error, e.what());
        }
    } else if (auto it = m_settings.filters.find(spec.name); it != m_settings.filters.end()) {
        f = it->second.toFilter(labels);
    }
    m_filter = f;
    if (m_catalog && m_catalog->find(spec.name)) m_settings.lastModel = spec.name;
    notify(NoticeLevel::Info, "model " + spec.name + " running (" + m_activeModel->backend + ")");
}

const std::vector<Detection>& Session::detections() {
    if (m_shown != m_filteredFor || m_filter != m_filteredWith) {
        m_detections = m_shown ? filterDetections(m_shown->candidates, m_filter) : std::vector<Detection>{};
        m_filteredFor = m_shown;
        m_filteredWith = m_filter;
        ++m_filterRuns;
    }
    return m_detections;
}

bool Session::smoothActive() const { return m_settings.smoothDisplay && m_status.live; }

std::shared_ptr<const Frame> Session::displayFrame() const {
    if (smoothActive())
        if (auto latest = m_pipeline->latestFrame()) return latest;
    if (!m_shown) return nullptr;
    return std::shared_ptr<const Frame>(m_shown, &m_shown->frame);  // aliases the result
}

const LabelMap& Session::labels() const {
    static const LabelMap none;
    if (m_shown && m_shown->model) return m_shown->model->labels;
    return m_activeModel ? m_activeModel->labels : none;
}

void Session::setPacing(bool realtime, float speed) {
    m_settings.realtime = realtime;
    m_settings.speed = speed;
    m_pipeline->setPacing(realtime ? Pacing::RealTime : Pacing::AsFastAsPossible, speed);
}

void Session::setLoop(bool loop) {
    m_settings.loop = loop;
    m_pipeline->setLoop(loop);
}

void Session::openSource(const std::string& text) {
    try {
        const SourceSpec spec = parseSourceSpec(text);
        if (spec.kind == SourceKind::VideoFile || spec.kind == SourceKind::Image || spec.kind == SourceKind::ImageFolder)
            m_settings.addRecentFile(fs::absolute(text).string());
        m_fallback = Fallback::None;
        m_sourceNote.clear();
        m_pipeline->openSource(spec);
        notify(NoticeLevel::Info, "opening " + text);
    } catch (const UsageError& e) {
        notify(NoticeLevel::Error, e.what());
    }
}

void Session::loadPreset(const std::string& name) {
    if (!m_catalog) return;
    try {
        const ModelSpec& spec = m_catalog->get(name);
        checkModelFiles(spec);  // a missing file is reported now, naming where to get it
        loadModelSpec(spec);
        notify(NoticeLevel::Info, "loading model " + name + "…");
    } catch (const UsageError& e) {
        notify(NoticeLevel::Error, e.what());
    }
}

void Session::setBackend(const std::string& name) {
    try {
        const BackendChoice choice = findBackend(name);
        m_detectorOptions = {choice.backend, choice.target};
        m_settings.backend = name;
        if (!m_requestedModel.model.empty() || !m_requestedModel.config.empty()) loadModelSpec(m_requestedModel);
    } catch (const UsageError& e) {
        notify(NoticeLevel::Error, e.what());
    }
}

void Session::followSourceFallback() {
    if (m_fallback != Fallback::WaitingForCamera) return;
    const bool cameraRuns = m_status.hasSource && m_status.source.kind == SourceKind::Camera &&
                            m_status.state != PipelineState::Opening && m_status.state != PipelineState::Failed;
    if (cameraRuns) {
        m_fallback = Fallback::Done;
        m_sourceNote.clear();
        return;
    }
    const bool cameraFailed = m_status.state == PipelineState::Failed || !m_status.sourceError.empty();
    if (!cameraFailed || m_status.state == PipelineState::Opening) return;
    m_fallback = Fallback::Done;
    // The camera's failure is expected here and becomes the note, not an error notice.
    m_lastSourceError = m_status.sourceError;
    m_lastState = m_status.state;
    m_lastStatusMessage = m_status.message;
    const fs::path clip = sampleClipPath();
    if (clip.empty()) {
        m_sourceNote = "No camera found and no sample clip: open a file or a camera in the Source panel.";
        return;
    }
    try {
        m_pipeline->openSource(parseSourceSpec(clip.string()));
        m_sourceNote = "No camera found — playing the sample clip " + clip.filename().string();
    } catch (const UsageError& e) {
        m_sourceNote = "No camera found, and the sample clip failed: " + std::string(e.what());
    }
}

void Session::collectMessages() {
    // Errors of background switches: new text = a new failure (the old model/source kept).
    if (m_status.sourceError != m_lastSourceError) {
        m_lastSourceError = m_status.sourceError;
        if (!m_lastSourceError.empty() && m_fallback != Fallback::WaitingForCamera)
            notify(NoticeLevel::Error, "source: " + m_lastSourceError);
    }
    if (m_status.modelError != m_lastModelError) {
        m_lastModelError = m_status.modelError;
        if (!m_lastModelError.empty()) notify(NoticeLevel::Error, "model: " + m_lastModelError);
    }
    if (m_status.state != m_lastState || m_status.message != m_lastStatusMessage) {
        if (!m_status.message.empty() && m_fallback != Fallback::WaitingForCamera &&
            (m_status.state == PipelineState::Failed || m_status.state == PipelineState::Reconnecting ||
             m_status.finishedWithError))
            notify(m_status.state == PipelineState::Failed ? NoticeLevel::Error : NoticeLevel::Warning,
                   m_status.message);
        m_lastState = m_status.state;
        m_lastStatusMessage = m_status.message;
    }
    for (auto& w : m_pipeline->takeWarnings()) notify(NoticeLevel::Warning, std::move(w));
    for (auto& m : m_outputs->takeMessages())
        notify(m.error ? NoticeLevel::Error : NoticeLevel::Info, std::move(m.text));
}

fs::path Session::outputDir() const {
    return m_settings.outputDir.empty() ? defaultOutputDir() : fs::path(m_settings.outputDir);
}

fs::path Session::outputName(const std::string& what, const std::string& extension) const {
    std::string source = m_status.hasSource ? fs::path(m_status.source.description).stem().string() : "livedetect";
    for (char& c : source)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    if (source.size() > 40) source.resize(40);
    return outputDir() / ("livedetect-" + source + "-" + what + timestamp() + extension);
}

std::optional<fs::path> Session::snapshot() {
    if (!m_shown) {
        notify(NoticeLevel::Warning, "snapshot: no frame on screen yet");
        return std::nullopt;
    }
    const std::string frame = "f" + std::to_string(m_shown->frame.index) + "-";
    fs::path png = outputName(frame, ".png");
    // Two snapshots in the same second of the same frame must not overwrite each other.
    for (int n = 2; fs::exists(png); ++n) png = outputName(frame + std::to_string(n) + "-", ".png");
    fs::path json = png;
    json.replace_extension(".json");
    m_outputs->snapshot(m_shown, detections(), m_filter, m_status.source.description, png, json);
    return png;
}

void Session::toggleRecording() {
    if (m_outputs->recording()) {
        m_outputs->stopRecording();
        return;
    }
    const double fps = m_status.source.fps > 0 ? m_status.source.fps
                       : m_status.live          ? std::max(5.0, m_status.metrics.inference.windowFps)
                                                : 25.0;
    const fs::path file = m_pendingRecord ? m_options.output : outputName("", m_settings.recordExtension);
    if (!AnnotatedVideoWriter::isVideoPath(file)) {
        notify(NoticeLevel::Error, "record: " + file.string() + " is not a video file name (.mp4, .avi, .mkv)");
        return;
    }
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    m_outputs->startRecording(file, fps);
    notify(NoticeLevel::Info, "recording to " + file.string());
}

void Session::toggleExport() {
    if (m_outputs->exporting()) {
        m_outputs->stopExport();
        return;
    }
    if (!m_activeModel) {
        notify(NoticeLevel::Warning, "export: no model is running yet");
        return;
    }
    const fs::path file = m_pendingExport ? m_options.detections : outputName("", m_settings.exportExtension);
    try {
        m_outputs->startExport(file, {m_activeModel->spec.name, m_activeModel->sha256, m_status.source.description,
                                      m_filter, m_activeModel->labels});
        notify(NoticeLevel::Info, "exporting detections to " + file.string());
    } catch (const UsageError& e) {
        notify(NoticeLevel::Error, e.what());
    }
}

void Session::startPendingOutputs() {
    // --detections / --output from the command line start once a model and a source run.
    if (!m_activeModel || !m_status.hasSource) return;
    if (m_pendingExport) {
        toggleExport();
        m_pendingExport = false;
    }
    if (m_pendingRecord) {
        toggleRecording();
        m_pendingRecord = false;
    }
}

}  // namespace livedetect::ui
