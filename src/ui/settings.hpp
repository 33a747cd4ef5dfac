#pragma once
// What the window remembers between runs: geometry and layout, display and transport
// choices, recent files, the last model and, per model, the thresholds and class choices.
// Stored as settings.json in $XDG_CONFIG_HOME/livedetect/ (fallback ~/.config/livedetect/).
// Loaded and saved on the UI thread.
#include "livedetect/detect/filter.hpp"
#include "livedetect/detect/labels.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace livedetect::ui {

// A FilterSettings with classes by name, so it survives label files being renumbered and
// is readable in the JSON.
struct StoredFilter {
    float confidence = 0.5f;
    float nmsIou = 0.45f;
    bool classAgnostic = false;
    int maxDetections = 100;
    std::map<std::string, ClassOverride> classes;

    static StoredFilter from(const FilterSettings& f, const LabelMap& labels);
    FilterSettings toFilter(const LabelMap& labels) const;
};

struct Settings {
    static constexpr std::size_t kMaxRecent = 10;

    int windowX = -1, windowY = -1;  // -1: let the window manager place it
    int windowWidth = 1440, windowHeight = 900;
    bool maximized = false;
    float sidebarWidth = 400.f;  // in unscaled pixels (multiplied by the DPI scale)
    std::map<std::string, bool> openSections;  // sidebar sections by title; absent = default

    bool smoothDisplay = false;  // live: newest captured frame + latest boxes
    bool realtime = true;        // review pacing: real time or as fast as possible
    float speed = 1.f;
    bool loop = false;
    bool showLabels = true;
    float boxThickness = 2.f;

    std::vector<std::string> recentFiles;  // newest first
    std::string lastModel;
    std::string backend;  // e.g. "opencv/cpu"; empty = default
    std::string outputDir;
    std::string exportExtension = ".jsonl";
    std::string recordExtension = ".mp4";
    std::map<std::string, StoredFilter> filters;  // by model name

    void addRecentFile(const std::string& path);
};

// $XDG_CONFIG_HOME/livedetect, else $HOME/.config/livedetect.
std::filesystem::path configDir();
std::filesystem::path settingsFile();
// Default for snapshots, recordings and exports: ~/Pictures/livedetect when ~/Pictures
// exists, else ~/livedetect.
std::filesystem::path defaultOutputDir();

// Missing file: defaults, no error. Malformed file: defaults and `error` says why (the
// status bar shows it; the file is overwritten on exit).
Settings loadSettings(const std::filesystem::path& file, std::string* error = nullptr);
// Written to a temporary file and renamed, so a crash never leaves half a file.
// Returns false (and error) when the folder cannot be created or written.
bool saveSettings(const Settings& settings, const std::filesystem::path& file, std::string* error = nullptr);

}  // namespace livedetect::ui
