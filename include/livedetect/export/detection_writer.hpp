#pragma once
// Per-frame detection exports: JSON Lines (.jsonl/.json), CSV (.csv), MOT-challenge
// detections (.txt). Each frame is flushed as it is written, so a run that is killed
// leaves a valid file up to the last frame. Used by one thread (the consumer).
#include "livedetect/core/types.hpp"
#include "livedetect/detect/filter.hpp"
#include "livedetect/detect/labels.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace livedetect {

struct ExportHeader {
    std::string model;
    std::string modelSha256;
    std::string source;
    FilterSettings filter;
    LabelMap labels;
};

class DetectionWriter {
public:
    virtual ~DetectionWriter() = default;
    virtual void writeFrame(std::int64_t frameIndex, double ptsMs, const std::vector<Detection>& detections) = 0;
    const std::filesystem::path& path() const { return m_path; }

protected:
    DetectionWriter(std::filesystem::path path, ExportHeader header);
    void flushOrThrow();
    std::filesystem::path m_path;
    ExportHeader m_header;
    std::ofstream m_out;
};

enum class ExportFormat { JsonLines, Csv, Mot };

// By extension; throws UsageError naming the file when the extension is not known.
ExportFormat exportFormatFor(const std::filesystem::path& file);

// Throws UsageError naming the file when it cannot be created.
std::unique_ptr<DetectionWriter> openDetectionWriter(const std::filesystem::path& file, ExportHeader header);

// The JSON objects of the JSONL export, also used for snapshots from the window.
std::string filterToJson(const FilterSettings& filter);
std::string frameToJson(std::int64_t frameIndex, double ptsMs, const std::vector<Detection>& detections,
                        const LabelMap& labels);

}  // namespace livedetect
