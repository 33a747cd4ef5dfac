#include "ui/settings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

namespace livedetect::ui {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Floats written as doubles show as 0.6000000238418579; three decimals are what a slider sets.
double tidy(float v) { return std::round(static_cast<double>(v) * 1000.0) / 1000.0; }

fs::path homeDir() {
    const char* home = std::getenv("HOME");
    return home && *home ? fs::path(home) : fs::temp_directory_path();
}

template <typename T>
void read(const json& j, const char* key, T& out) {
    if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->get<T>();
}

json filterToJson(const StoredFilter& f) {
    json classes = json::object();
    for (const auto& [name, o] : f.classes) classes[name] = {{"enabled", o.enabled}, {"threshold", tidy(o.threshold)}};
    return {{"confidence", tidy(f.confidence)},
            {"nms_iou", tidy(f.nmsIou)},
            {"class_agnostic", f.classAgnostic},
            {"max_detections", f.maxDetections},
            {"classes", classes}};
}

StoredFilter filterFromJson(const json& j) {
    StoredFilter f;
    read(j, "confidence", f.confidence);
    read(j, "nms_iou", f.nmsIou);
    read(j, "class_agnostic", f.classAgnostic);
    read(j, "max_detections", f.maxDetections);
    if (auto it = j.find("classes"); it != j.end() && it->is_object())
        for (const auto& [name, value] : it->items()) {
            ClassOverride o;
            read(value, "enabled", o.enabled);
            read(value, "threshold", o.threshold);
            f.classes[name] = o;
        }
    f.confidence = std::clamp(f.confidence, 0.f, 1.f);
    f.nmsIou = std::clamp(f.nmsIou, 0.f, 1.f);
    return f;
}

}  // namespace

StoredFilter StoredFilter::from(const FilterSettings& f, const LabelMap& labels) {
    StoredFilter s;
    s.confidence = f.confidence;
    s.nmsIou = f.nmsIou;
    s.classAgnostic = f.classAgnostic;
    s.maxDetections = f.maxDetections;
    for (const auto& [id, o] : f.classes)
        if (!o.enabled || o.threshold >= 0.f) s.classes[labels.name(id)] = o;
    return s;
}

FilterSettings StoredFilter::toFilter(const LabelMap& labels) const {
    FilterSettings f;
    f.confidence = confidence;
    f.nmsIou = nmsIou;
    f.classAgnostic = classAgnostic;
    f.maxDetections = maxDetections;
    for (int id : labels.ids())
        if (auto it = classes.find(labels.name(id)); it != classes.end()) f.classes[id] = it->second;
    return f;
}

void Settings::addRecentFile(const std::string& path) {
    std::erase(recentFiles, path);
    recentFiles.insert(recentFiles.begin(), path);
    if (recentFiles.size() > kMaxRecent) recentFiles.resize(kMaxRecent);
}

fs::path configDir() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    // The XDG spec: a relative path in $XDG_CONFIG_HOME is invalid and must be ignored.
    if (xdg && *xdg && fs::path(xdg).is_absolute()) return fs::path(xdg) / "livedetect";
    return homeDir() / ".config" / "livedetect";
}

fs::path settingsFile() { return configDir() / "settings.json"; }

fs::path defaultOutputDir() {
    const fs::path pictures = homeDir() / "Pictures";
    std::error_code ec;
    return fs::is_directory(pictures, ec) ? pictures / "livedetect" : homeDir() / "livedetect";
}

Settings loadSettings(const fs::path& file, std::string* error) {
    Settings s;
    std::ifstream in(file);
    if (!in) return s;
    try {
        const json j = json::parse(in);
        read(j, "window_x", s.windowX);
        read(j, "window_y", s.windowY);
        read(j, "window_width", s.windowWidth);
        read(j, "window_height", s.windowHeight);
        read(j, "maximized", s.maximized);
        read(j, "sidebar_width", s.sidebarWidth);
        read(j, "open_sections", s.openSections);
        read(j, "smooth_display", s.smoothDisplay);
        read(j, "realtime", s.realtime);
        read(j, "speed", s.speed);
        read(j, "loop", s.loop);
        read(j, "show_labels", s.showLabels);
        read(j, "box_thickness", s.boxThickness);
        read(j, "recent_files", s.recentFiles);
        read(j, "last_model", s.lastModel);
        read(j, "backend", s.backend);
        read(j, "output_dir", s.outputDir);
        read(j, "export_extension", s.exportExtension);
        read(j, "record_extension", s.recordExtension);
        if (auto it = j.find("filters"); it != j.end() && it->is_object())
            for (const auto& [model, value] : it->items()) s.filters[model] = filterFromJson(value);
    } catch (const json::exception& e) {
        if (error) *error = "settings " + file.string() + " ignored: " + e.what();
        return Settings{};
    }
    s.windowWidth = std::clamp(s.windowWidth, 320, 16384);
    s.windowHeight = std::clamp(s.windowHeight, 240, 16384);
    s.sidebarWidth = std::clamp(s.sidebarWidth, 200.f, 1200.f);
    s.speed = std::clamp(s.speed, 0.1f, 16.f);
    if (s.recentFiles.size() > Settings::kMaxRecent) s.recentFiles.resize(Settings::kMaxRecent);
    return s;
}

bool saveSettings(const Settings& s, const fs::path& file, std::string* error) {
    json filters = json::object();
    for (const auto& [model, f] : s.filters) filters[model] = filterToJson(f);
    const json j = {{"window_x", s.windowX},
                    {"window_y", s.windowY},
                    {"window_width", s.windowWidth},
                    {"window_height", s.windowHeight},
                    {"maximized", s.maximized},
                    {"sidebar_width", s.sidebarWidth},
                    {"open_sections", s.openSections},
                    {"smooth_display", s.smoothDisplay},
                    {"realtime", s.realtime},
                    {"speed", tidy(s.speed)},
                    {"loop", s.loop},
                    {"show_labels", s.showLabels},
                    {"box_thickness", s.boxThickness},
                    {"recent_files", s.recentFiles},
                    {"last_model", s.lastModel},
                    {"backend", s.backend},
                    {"output_dir", s.outputDir},
                    {"export_extension", s.exportExtension},
                    {"record_extension", s.recordExtension},
                    {"filters", filters}};
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    const fs::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << j.dump(2) << '\n';
        if (!out.flush()) {
            if (error) *error = "cannot write settings to " + tmp.string();
            return false;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) {
        if (error) *error = "cannot write settings to " + file.string() + ": " + ec.message();
        return false;
    }
    return true;
}

}  // namespace livedetect::ui
