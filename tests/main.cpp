#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "support/no_empty_runs.hpp"

#include <opencv2/core/utils/logger.hpp>

int main(int argc, char** argv) {
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    doctest::Context context(argc, argv);
    return livedetect::test::noEmptyRuns(context.run());
}
