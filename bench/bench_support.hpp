#pragma once
// Small helpers shared by the benchmarks: medians and the paths of the sample data.
// Benchmarks print figures; they never pass or fail on time.
#include "livedetect/detect/model_spec.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace livedetect::bench {

inline double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

inline ModelSpec defaultModelOrExit() {
    const auto catalog = PresetCatalog::load(defaultModelsDir() / "models.json");
    ModelSpec spec = catalog.get(catalog.defaultName());
    if (!std::filesystem::exists(spec.model)) {
        std::fprintf(stderr, "bench: %s is missing; run scripts/setup.sh first\n", spec.model.string().c_str());
        std::exit(2);
    }
    return spec;
}

inline std::filesystem::path vtestAvi() { return "/usr/share/doc/opencv-doc/examples/data/vtest.avi"; }
inline std::filesystem::path dogJpg() { return "/usr/share/darknet/data/dog.jpg"; }

}  // namespace livedetect::bench
