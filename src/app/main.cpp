// livedetect: the window (default) or the headless CLI (--headless).
#include "cli_options.hpp"
#include "headless.hpp"
#include "ui/run_window.hpp"

#include "livedetect/core/errors.hpp"

#include <opencv2/core/utils/logger.hpp>

#include <iostream>

#include <cstdlib>

int main(int argc, char** argv) {
    using namespace livedetect;
    // FFmpeg's own log lines (decoder complaints about a damaged file) would bury our
    // one-line errors; OpenCV reads this before its FFmpeg backend first opens a file.
    ::setenv("OPENCV_FFMPEG_LOGLEVEL", "-8", 0);
    auto parsed = app::parseCommandLine(argc, argv);
    if (!parsed.options) return parsed.exitCode;
    const app::Options& options = *parsed.options;
    // OpenCV's log lines too: what matters reaches us as exceptions or statuses.
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    try {
        if (options.listModels) return app::listModels(options);
        if (options.headless) return app::runHeadless(options);
        return ui::runWindow(options);
    } catch (const UsageError& e) {
        std::cerr << "livedetect: " << e.what() << '\n';
        return 2;
    } catch (const cv::Exception& e) {
        std::cerr << "livedetect: OpenCV error: " << (e.err.empty() ? e.what() : e.err) << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "livedetect: " << e.what() << '\n';
        return 1;
    }
}
