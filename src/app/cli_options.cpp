#include "cli_options.hpp"

#include "livedetect/core/errors.hpp"
#include "livedetect/core/version.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>

namespace livedetect::app {

ParseOutcome parseCommandLine(int argc, char** argv) {
    Options o;
    CLI::App cli{"livedetect: real-time SSD object detection on cameras, videos, images and streams"};
    cli.set_version_flag("--version", std::string("livedetect ") + kVersion);
    cli.add_option("source", o.source,
                   "camera index, video file, image, folder of images, GStreamer pipeline or URL "
                   "(default: camera 0, or the sample clip when there is no camera)");
    cli.add_flag("--headless", o.headless, "run without a window: process every frame, then exit");
    cli.add_flag("--list-models", o.listModels, "list the model presets and exit");

    auto* model = cli.add_option_group("Model");
    model->add_option("--model", o.model.preset, "model preset from models.json");
    model->add_option("--models-json", o.model.modelsJson, "preset catalog (default: models/models.json)");
    model->add_option("--model-file", o.model.modelFile, "network weights (.onnx, .caffemodel, .pb, ...)");
    model->add_option("--config-file", o.model.configFile, "network config (.prototxt, .pbtxt, ...)");
    model->add_option("--labels", o.model.labelsFile, "labels: 'id name' lines or one name per line");
    model->add_option("--anchors", o.model.anchorsFile, "anchors file for output kind 'anchors'");
    model->add_option("--format", o.model.format, "onnx, caffe, tensorflow, darknet or torch")
        ->check(CLI::IsMember({"onnx", "caffe", "tensorflow", "darknet", "torch"}));
    model->add_option("--input-size", o.model.inputSize, "network input WxH, e.g. 300x300");
    model->add_option("--scale", o.model.scale, "pixel scale of blobFromImage, e.g. 0.007843");
    model->add_option("--mean", o.model.mean, "mean subtracted per channel, 'B,G,R' or one value");
    model->add_flag("--swap-rb", o.model.swapRB, "feed RGB instead of BGR");
    model->add_flag("--no-swap-rb", o.model.noSwapRB, "feed BGR");
    model->add_option("--output-kind", o.model.outputKind, "anchors or detection_output")
        ->check(CLI::IsMember({"anchors", "detection_output"}));
    model->add_option("--class-offset", o.model.classOffset, "network class c is label id c - offset");
    cli.add_option("--backend", o.backend, "dnn backend/target, e.g. opencv/cpu (see --list-models)");

    auto* filter = cli.add_option_group("Filter");
    filter->add_option("--conf", o.filter.confidence, "confidence threshold in [0, 1]")
        ->check(CLI::Range(0.0, 1.0));
    filter->add_option("--nms", o.filter.nms, "NMS IoU threshold in [0, 1]")->check(CLI::Range(0.0, 1.0));
    filter->add_flag("--agnostic", o.filter.classAgnostic, "NMS across classes");
    filter->add_option("--max-detections", o.filter.maxDetections, "at most this many per frame (0: no limit)")
        ->check(CLI::NonNegativeNumber);
    filter->add_option("--classes", o.filter.onlyClasses, "only these classes (names or ids)")->delimiter(',');
    filter->add_option("--class-conf", o.filter.classConf, "per-class threshold, e.g. person=0.6")
        ->delimiter(',');

    auto* run = cli.add_option_group("Run");
    run->add_option("--detections", o.detections, "export detections: .jsonl, .csv or .txt (MOT)");
    run->add_option("--output", o.output, "annotated image or video (.mp4, .avi)");
    run->add_option("--max-frames", o.maxFrames, "stop after N frames")->check(CLI::PositiveNumber);
    run->add_flag("--realtime", o.realtime, "play files at their native speed");
    run->add_flag("--loop", o.loop, "restart files at the end");
    run->add_option("--workers", o.workers, "inference workers (0: automatic)")->check(CLI::Range(0, 16));
    run->add_option("--mode", o.mode, "live (newest frame, drops counted) or review (every frame)")
        ->check(CLI::IsMember({"live", "review"}));
    auto* camera = cli.add_option_group("Camera");
    camera->add_option("--camera-size", o.cameraSize, "ask the camera for WxH, e.g. 1280x720");
    camera->add_option("--camera-fps", o.cameraFps, "ask the camera for this frame rate")->check(CLI::PositiveNumber);
    camera->add_flag("--camera-no-mjpg", o.cameraNoMjpg, "do not ask the camera for MJPG");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << cli.help();
        return {std::nullopt, 0};
    } catch (const CLI::CallForVersion&) {
        std::cout << cli.version() << '\n';
        return {std::nullopt, 0};
    } catch (const CLI::ParseError& e) {
        std::cerr << "livedetect: " << e.what() << " (see --help)\n";
        return {std::nullopt, 2};
    }
    if (o.model.swapRB && o.model.noSwapRB) {
        std::cerr << "livedetect: --swap-rb and --no-swap-rb contradict each other\n";
        return {std::nullopt, 2};
    }
    return {o, 0};
}

namespace {

cv::Size parseSize(const std::string& text, const char* flag) {
    int w = 0, h = 0;
    char x = 0;
    std::istringstream in(text);
    if (!(in >> w >> x >> h) || (x != 'x' && x != 'X') || w <= 0 || h <= 0 || !in.eof())
        throw UsageError(std::string(flag) + ": '" + text + "' is not WxH with positive numbers, e.g. 300x300");
    return {w, h};
}

cv::Scalar parseMean(const std::string& text) {
    std::vector<double> values;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        try {
            std::size_t used = 0;
            values.push_back(std::stod(part, &used));
            if (used != part.size()) throw std::invalid_argument(part);
        } catch (const std::exception&) {
            throw UsageError("--mean: '" + text + "' is not one number or 'B,G,R'");
        }
    }
    if (values.size() == 1) return cv::Scalar::all(values[0]);
    if (values.size() == 3) return {values[0], values[1], values[2]};
    throw UsageError("--mean: '" + text + "' is not one number or 'B,G,R'");
}

int classIdFor(const std::string& nameOrId, const LabelMap& labels, const char* flag) {
    for (int id : labels.ids())
        if (labels.name(id) == nameOrId) return id;
    if (!nameOrId.empty() && nameOrId.find_first_not_of("0123456789") == std::string::npos)
        return std::stoi(nameOrId);
    throw UsageError(std::string(flag) + ": unknown class '" + nameOrId + "'");
}

}  // namespace

SourceSpec sourceSpecFor(const std::string& text, const Options& options) {
    SourceSpec spec = parseSourceSpec(text);
    if (!options.cameraSize.empty()) spec.requestedSize = parseSize(options.cameraSize, "--camera-size");
    spec.requestedFps = options.cameraFps;
    spec.requestMjpg = !options.cameraNoMjpg;
    return spec;
}

std::filesystem::path modelsJsonFor(const ModelFlags& flags) {
    return flags.modelsJson.empty() ? defaultModelsDir() / "models.json" : flags.modelsJson;
}

ModelSpec resolveModel(const ModelFlags& f) {
    ModelSpec spec;
    if (f.modelFile || (f.configFile && f.format == "caffe")) {
        // A model described on the command line; the preset, if named, gives defaults.
        if (!f.preset.empty()) spec = PresetCatalog::load(modelsJsonFor(f)).get(f.preset);
        spec.name = f.modelFile ? f.modelFile->stem().string() : f.configFile->stem().string();
        spec.filesHint.clear();
        spec.model = f.modelFile.value_or(std::filesystem::path());
        if (!f.format) {
            const auto ext = spec.model.extension().string();
            spec.format = ext == ".caffemodel" ? "caffe" : ext == ".pb" ? "tensorflow"
                          : ext == ".weights"  ? "darknet" : "onnx";
        }
    } else {
        const auto catalog = PresetCatalog::load(modelsJsonFor(f));
        spec = catalog.get(f.preset.empty() ? catalog.defaultName() : f.preset);
    }
    if (f.format) spec.format = *f.format;
    if (f.configFile) spec.config = *f.configFile;
    if (f.labelsFile) spec.labels = *f.labelsFile;
    if (f.anchorsFile) spec.anchors = *f.anchorsFile;
    if (f.inputSize) spec.inputSize = parseSize(*f.inputSize, "--input-size");
    if (f.scale) spec.scale = *f.scale;
    if (f.mean) spec.mean = parseMean(*f.mean);
    if (f.swapRB) spec.swapRB = true;
    if (f.noSwapRB) spec.swapRB = false;
    if (f.outputKind) spec.outputKind = *parseOutputKind(*f.outputKind);
    if (f.classOffset) spec.classOffset = *f.classOffset;
    return spec;
}

FilterSettings resolveFilter(const FilterFlags& f, const ModelSpec& spec, const LabelMap& labels) {
    FilterSettings s;
    s.confidence = f.confidence.value_or(spec.defaultConfidence);
    s.nmsIou = f.nms.value_or(spec.defaultNms);
    s.classAgnostic = f.classAgnostic;
    if (f.maxDetections) s.maxDetections = *f.maxDetections;
    if (!f.onlyClasses.empty()) {
        for (int id : labels.ids()) s.classes[id].enabled = false;
        for (const auto& name : f.onlyClasses) s.classes[classIdFor(name, labels, "--classes")].enabled = true;
    }
    for (const auto& item : f.classConf) {
        const auto eq = item.find('=');
        float value = -1.f;
        try {
            if (eq != std::string::npos) value = std::stof(item.substr(eq + 1));
        } catch (const std::exception&) {
        }
        if (eq == std::string::npos || value < 0.f || value > 1.f)
            throw UsageError("--class-conf: '" + item + "' is not name=threshold with a threshold in [0, 1]");
        s.classes[classIdFor(item.substr(0, eq), labels, "--class-conf")].threshold = value;
    }
    return s;
}

}  // namespace livedetect::app
