#include "livedetect/export/detection_writer.hpp"

#include "livedetect/core/errors.hpp"
#include "livedetect/core/paths.hpp"
#include "livedetect/core/version.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace livedetect {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

// Three decimals for pixels and scores keep files small and diffable.
double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

json filterJson(const FilterSettings& f) {
    json classes = json::object();
    for (const auto& [id, o] : f.classes) {
        json c = {{"enabled", o.enabled}};
        if (o.threshold >= 0.f) c["confidence"] = round3(o.threshold);
        classes[std::to_string(id)] = c;
    }
    return {{"confidence", round3(f.confidence)},
            {"nms_iou", round3(f.nmsIou)},
            {"class_agnostic", f.classAgnostic},
            {"max_detections", f.maxDetections},
            {"classes", classes}};
}

class JsonLinesWriter final : public DetectionWriter {
public:
    JsonLinesWriter(fs::path path, ExportHeader header) : DetectionWriter(std::move(path), std::move(header)) {
        const json head = {{"livedetect", kVersion},
                           {"model", m_header.model},
                           {"model_sha256", m_header.modelSha256},
                           {"source", m_header.source},
                           {"filter", filterJson(m_header.filter)}};
        m_out << head.dump() << '\n';
        flushOrThrow();
    }
    void writeFrame(std::int64_t frame, double ptsMs, const std::vector<Detection>& detections) override {
        m_out << frameToJson(frame, ptsMs, detections, m_header.labels) << '\n';
        flushOrThrow();
    }
};

class CsvWriter final : public DetectionWriter {
public:
    CsvWriter(fs::path path, ExportHeader header) : DetectionWriter(std::move(path), std::move(header)) {
        m_out << "frame,pts_ms,class_id,label,score,x0,y0,x1,y1\n";
        flushOrThrow();
    }
    void writeFrame(std::int64_t frame, double ptsMs, const std::vector<Detection>& detections) override {
        for (const auto& d : detections) {
            std::string label = m_header.labels.name(d.classId);
            std::replace(label.begin(), label.end(), ',', ' ');
            char line[256];
            std::snprintf(line, sizeof line, "%lld,%.3f,%d,%s,%.4f,%.1f,%.1f,%.1f,%.1f\n",
                          static_cast<long long>(frame), ptsMs, d.classId, label.c_str(),
                          static_cast<double>(d.score), static_cast<double>(d.box.x),
                          static_cast<double>(d.box.y), static_cast<double>(d.box.x + d.box.width),
                          static_cast<double>(d.box.y + d.box.height));
            m_out << line;
        }
        flushOrThrow();
    }
};

// MOT-challenge det.txt: frame (1-based), id (-1: not tracked), left, top, width, height,
// confidence, x, y, z (-1: unused).
class MotWriter final : public DetectionWriter {
public:
    MotWriter(fs::path path, ExportHeader header) : DetectionWriter(std::move(path), std::move(header)) {}
    void writeFrame(std::int64_t frame, double, const std::vector<Detection>& detections) override {
        for (const auto& d : detections) {
            char line[160];
            std::snprintf(line, sizeof line, "%lld,-1,%.2f,%.2f,%.2f,%.2f,%.4f,-1,-1,-1\n",
                          static_cast<long long>(frame + 1), static_cast<double>(d.box.x),
                          static_cast<double>(d.box.y), static_cast<double>(d.box.width),
                          static_cast<double>(d.box.height), static_cast<double>(d.score));
            m_out << line;
        }
        flushOrThrow();
    }
};

}  // namespace

DetectionWriter::DetectionWriter(fs::path path, ExportHeader header)
    : m_path(std::move(path)), m_header(std::move(header)), m_out(m_path, std::ios::trunc) {
    if (!m_out) throw UsageError("detections file " + m_path.string() + ": cannot be created");
}

void DetectionWriter::flushOrThrow() {
    m_out.flush();
    if (!m_out) throw std::runtime_error("detections file " + m_path.string() + ": write failed");
}

ExportFormat exportFormatFor(const fs::path& file) {
    const auto ext = lowerExtension(file);
    if (ext == ".jsonl" || ext == ".json" || ext == ".ndjson") return ExportFormat::JsonLines;
    if (ext == ".csv") return ExportFormat::Csv;
    if (ext == ".txt") return ExportFormat::Mot;
    throw UsageError("detections file " + file.string() +
                     ": unknown format (use .jsonl, .csv or .txt for MOT-challenge)");
}

std::unique_ptr<DetectionWriter> openDetectionWriter(const fs::path& file, ExportHeader header) {
    switch (exportFormatFor(file)) {
        case ExportFormat::JsonLines: return std::make_unique<JsonLinesWriter>(file, std::move(header));
        case ExportFormat::Csv: return std::make_unique<CsvWriter>(file, std::move(header));
        case ExportFormat::Mot: return std::make_unique<MotWriter>(file, std::move(header));
    }
    throw UsageError("detections file " + file.string() + ": unknown format");
}

std::string filterToJson(const FilterSettings& filter) { return filterJson(filter).dump(); }

std::string frameToJson(std::int64_t frame, double ptsMs, const std::vector<Detection>& detections,
                        const LabelMap& labels) {
    json list = json::array();
    for (const auto& d : detections)
        list.push_back({{"class_id", d.classId},
                        {"label", labels.name(d.classId)},
                        {"score", round3(d.score)},
                        {"box",
                         {round3(d.box.x), round3(d.box.y), round3(d.box.x + d.box.width),
                          round3(d.box.y + d.box.height)}}});
    return json{{"frame", frame}, {"pts_ms", round3(ptsMs)}, {"detections", list}}.dump();
}

}  // namespace livedetect
