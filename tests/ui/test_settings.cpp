#include "ui/default_source.hpp"
#include "ui/settings.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

using namespace livedetect;
using namespace livedetect::ui;
namespace fs = std::filesystem;

namespace {
// XDG_CONFIG_HOME points at the test run's own temp dir (tests/ui/main.cpp).
fs::path scratch(const std::string& name) {
    const fs::path dir = configDir() / "test-scratch";
    fs::create_directories(dir);
    return dir / name;
}
}  // namespace

TEST_CASE("settings: live under $XDG_CONFIG_HOME/livedetect") {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    REQUIRE(xdg);
    CHECK(configDir() == fs::path(xdg) / "livedetect");
    CHECK(settingsFile() == fs::path(xdg) / "livedetect" / "settings.json");
}

TEST_CASE("settings: round trip of layout, choices, recent files and per-model filters") {
    const LabelMap labels({"person", "bicycle", "car"});
    FilterSettings f;
    f.confidence = 0.65f;
    f.nmsIou = 0.3f;
    f.classAgnostic = true;
    f.classes[0].enabled = false;
    f.classes[2].threshold = 0.8f;

    Settings s;
    s.windowWidth = 1000;
    s.windowHeight = 700;
    s.sidebarWidth = 420.f;
    s.smoothDisplay = true;
    s.loop = true;
    s.lastModel = "res10_face";
    s.outputDir = "/tmp/out";
    for (int i = 0; i < 15; ++i) s.addRecentFile("/videos/" + std::to_string(i) + ".mp4");
    s.addRecentFile("/videos/3.mp4");
    s.filters["coco"] = StoredFilter::from(f, labels);

    const fs::path file = scratch("roundtrip.json");
    std::string error;
    REQUIRE(saveSettings(s, file, &error));
    const Settings back = loadSettings(file, &error);
    CHECK(error.empty());
    CHECK(back.windowWidth == 1000);
    CHECK(back.sidebarWidth == doctest::Approx(420));
    CHECK(back.smoothDisplay);
    CHECK(back.loop);
    CHECK(back.lastModel == "res10_face");
    CHECK(back.outputDir == "/tmp/out");
    REQUIRE(back.recentFiles.size() == Settings::kMaxRecent);
    CHECK(back.recentFiles.front() == "/videos/3.mp4");
    CHECK(back.recentFiles[1] == "/videos/14.mp4");
    REQUIRE(back.filters.count("coco") == 1);
    CHECK(back.filters.at("coco").toFilter(labels) == f);
}

TEST_CASE("settings: a missing file gives defaults, a malformed one defaults and an error") {
    std::string error;
    const Settings none = loadSettings(scratch("missing.json"), &error);
    CHECK(error.empty());
    CHECK(none.windowWidth == Settings{}.windowWidth);

    const fs::path bad = scratch("bad.json");
    std::ofstream(bad) << "{ not json";
    const Settings defaults = loadSettings(bad, &error);
    CHECK(error.find("bad.json") != std::string::npos);
    CHECK(defaults.recentFiles.empty());
}

TEST_CASE("settings: per-class choices are stored by name and survive renumbered labels") {
    FilterSettings f;
    f.classes[2].enabled = false;  // "car" in the first label map
    const StoredFilter stored = StoredFilter::from(f, LabelMap({"person", "bicycle", "car"}));
    CHECK(stored.classes.count("car") == 1);
    const FilterSettings other = stored.toFilter(LabelMap({"car", "person"}));
    CHECK_FALSE(other.enabled(0));
    CHECK(other.enabled(1));
}

TEST_CASE("sample clip: the environment variable wins, then the set-up's clip, then vtest.avi") {
    setenv("LIVEDETECT_SAMPLE_CLIP", "/nowhere/clip.mp4", 1);
    CHECK(sampleClipPath() == fs::path("/nowhere/clip.mp4"));
    unsetenv("LIVEDETECT_SAMPLE_CLIP");
    const fs::path fallback = sampleClipPath();
    const fs::path cached = fs::path(LIVEDETECT_SOURCE_DIR) / ".cache" / "sample_clip.mp4";
    if (fs::exists(cached))
        CHECK(fallback == cached);
    else if (fs::exists("/usr/share/doc/opencv-doc/examples/data/vtest.avi"))
        CHECK(fallback == fs::path("/usr/share/doc/opencv-doc/examples/data/vtest.avi"));
    else
        CHECK(fallback.empty());
}
