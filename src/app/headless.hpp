#pragma once
#include "cli_options.hpp"

namespace livedetect::app {

// Runs without a window; returns the process exit code (0 done, 1 runtime failure,
// 2 bad usage or input).
int runHeadless(const Options& options);

// Prints the presets and the dnn backends; returns the exit code.
int listModels(const Options& options);

}  // namespace livedetect::app
