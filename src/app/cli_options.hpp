#pragma once
// The command line: parsing, validation of flag values, and turning model flags into a
// ModelSpec. Bad values become a UsageError naming the flag (exit code 2).
#include "livedetect/capture/video_source.hpp"
#include "livedetect/detect/filter.hpp"
#include "livedetect/detect/labels.hpp"
#include "livedetect/detect/model_spec.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace livedetect::app {

struct ModelFlags {
    std::string preset;  // empty: the catalog's default
    std::filesystem::path modelsJson;
    std::optional<std::filesystem::path> modelFile, configFile, labelsFile, anchorsFile;
    std::optional<std::string> format, outputKind, inputSize, mean;
    std::optional<double> scale;
    std::optional<int> classOffset;
    bool swapRB = false, noSwapRB = false;
};

struct FilterFlags {
    std::optional<float> confidence, nms;
    bool classAgnostic = false;
    std::optional<int> maxDetections;
    std::vector<std::string> onlyClasses;  // names or ids
    std::vector<std::string> classConf;    // name=threshold
};

struct Options {
    std::string source;  // empty: camera 0, or the sample clip when there is no camera
    bool headless = false;
    bool listModels = false;
    ModelFlags model;
    FilterFlags filter;
    std::string backend;  // e.g. "opencv/cpu"; empty = default
    std::filesystem::path detections, output;
    long long maxFrames = -1;
    bool realtime = false, loop = false;
    int workers = 0;   // 0 = automatic
    std::string mode;  // "", "live" or "review"
    std::string cameraSize;  // WxH requested from a camera, "" = as it comes
    double cameraFps = 0.0;
    bool cameraNoMjpg = false;
};

struct ParseOutcome {
    std::optional<Options> options;  // empty: exit with exitCode (help, version, bad usage)
    int exitCode = 0;
};

ParseOutcome parseCommandLine(int argc, char** argv);

// SOURCE text -> SourceSpec, with the camera requests of the options. Throws
// SourceOpenError for paths that do not exist, UsageError for bad --camera-size.
SourceSpec sourceSpecFor(const std::string& text, const Options& options);

// The preset catalog the flags point at: --models-json, else models/models.json.
std::filesystem::path modelsJsonFor(const ModelFlags& flags);

// Preset (or custom flags) -> ModelSpec. Throws UsageError.
ModelSpec resolveModel(const ModelFlags& flags);

// Filter flags on top of the model's defaults. Class names are looked up in labels.
// Throws UsageError naming the flag and the unknown class.
FilterSettings resolveFilter(const FilterFlags& flags, const ModelSpec& spec, const LabelMap& labels);

}  // namespace livedetect::app
