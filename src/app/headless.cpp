#include "headless.hpp"

#include "livedetect/core/errors.hpp"
#include "livedetect/detect/detector.hpp"
#include "livedetect/export/annotate.hpp"
#include "livedetect/export/detection_writer.hpp"

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace livedetect::app {
namespace fs = std::filesystem;

int listModels(const Options& options) {
    const auto json = options.model.modelsJson.empty() ? defaultModelsDir() / "models.json"
                                                       : options.model.modelsJson;
    const auto catalog = PresetCatalog::load(json);
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
    const ModelSpec spec = resolveModel(options.model);
    const fs::path source = options.source;
    cv::Mat image = cv::imread(source.string(), cv::IMREAD_COLOR);
    if (image.empty()) {
        if (!fs::exists(source)) throw SourceOpenError("input " + source.string() + ": no such file");
        throw SourceOpenError("input " + source.string() +
                              ": not a readable image (videos, folders, cameras and streams are not yet supported)");
    }
    Detector detector(spec);
    const FilterSettings filter = resolveFilter(options.filter, spec, detector.labels());

    std::unique_ptr<DetectionWriter> writer;
    if (!options.detections.empty())
        writer = openDetectionWriter(options.detections,
                                     {spec.name, detector.info().sha256, source.string(), filter, detector.labels()});

    const auto start = Clock::now();
    const DetectOutput out = detector.detect(image);
    const auto detections = filterDetections(out.candidates, filter);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();

    if (writer) writer->writeFrame(0, 0.0, detections);
    if (!options.output.empty()) {
        cv::Mat annotated = image.clone();
        drawDetections(annotated, detections, detector.labels());
        bool ok = false;
        try {
            ok = cv::imwrite(options.output.string(), annotated);
        } catch (const cv::Exception&) {
        }
        if (!ok) throw UsageError("--output " + options.output.string() + ": cannot write an image there");
    }

    std::string summary;
    for (std::size_t i = 0; i < detections.size() && i < 6; ++i) {
        char part[64];
        std::snprintf(part, sizeof part, "%s%s %.2f", i ? ", " : "",
                      detector.labels().name(detections[i].classId).c_str(),
                      static_cast<double>(detections[i].score));
        summary += part;
    }
    if (detections.size() > 6) summary += ", ...";
    std::printf("%s: %zu detection%s%s%s%s in %.0f ms\n", source.filename().string().c_str(), detections.size(),
                detections.size() == 1 ? "" : "s", summary.empty() ? "" : " (", summary.c_str(),
                summary.empty() ? "" : ")", ms);
    return 0;
}

}  // namespace livedetect::app
