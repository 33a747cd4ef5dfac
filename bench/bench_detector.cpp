// Median forward() and median full detect() of the default model on dog.jpg.
//   build/bench/bench_detector [iterations] [threads]   (threads: cv::setNumThreads, default all)
#include "bench_support.hpp"

#include "livedetect/detect/detector.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <chrono>
#include <string>

using namespace livedetect;

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::stoi(argv[1]) : 50;
    if (argc > 2) cv::setNumThreads(std::stoi(argv[2]));
    const ModelSpec spec = bench::defaultModelOrExit();
    const auto loadStart = Clock::now();
    Detector detector(spec);
    const double loadMs = std::chrono::duration<double, std::milli>(Clock::now() - loadStart).count();
    const cv::Mat image = cv::imread(bench::dogJpg().string());
    if (image.empty()) {
        std::fprintf(stderr, "bench: cannot read %s\n", bench::dogJpg().string().c_str());
        return 2;
    }
    for (int i = 0; i < 5; ++i) detector.detect(image);  // warm-up: allocations, caches

    std::vector<double> forward, detect, preprocess, postprocess;
    for (int i = 0; i < iterations; ++i) {
        const auto start = Clock::now();
        const auto out = detector.detect(image);
        detect.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        forward.push_back(out.timings.forwardMs);
        preprocess.push_back(out.timings.preprocessMs);
        postprocess.push_back(out.timings.postprocessMs);
    }
    std::printf("bench_detector: %s on %s, %d iterations, cv::getNumThreads() = %d\n", spec.name.c_str(),
                bench::dogJpg().filename().string().c_str(), iterations, cv::getNumThreads());
    std::printf("  model load (read + validate):   %8.1f ms\n", loadMs);
    std::printf("  median preprocess:              %8.2f ms\n", bench::median(preprocess));
    std::printf("  median forward():               %8.2f ms  (forward limit %.1f fps)\n", bench::median(forward),
                1000.0 / bench::median(forward));
    std::printf("  median decode (postprocess):    %8.2f ms\n", bench::median(postprocess));
    std::printf("  median full detect():           %8.2f ms  (%.1f fps)\n", bench::median(detect),
                1000.0 / bench::median(detect));
    return 0;
}
