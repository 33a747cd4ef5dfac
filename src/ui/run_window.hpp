#pragma once
// The entry point main.cpp calls when not --headless.
#include "app/cli_options.hpp"

namespace livedetect::ui {

// Opens the window with the command line's source, model, filter and run options and
// runs it until closed. Returns the exit code: 0 closed normally, 1 no window could be
// opened (the message is printed).
int runWindow(const app::Options& options);

}  // namespace livedetect::ui
