#include "livedetect/core/errors.hpp"
#include "livedetect/export/detection_writer.hpp"
#include "support/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace livedetect;

namespace {
ExportHeader header() {
    FilterSettings f;
    f.confidence = 0.4f;
    f.classes[3].enabled = false;
    return {"m", std::string(64, 'a'), "video.mp4", f, LabelMap({"person", "bicycle", "car, red"})};
}
std::vector<std::string> lines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}
const std::vector<Detection> kTwo = {{{10, 20, 30, 40}, 0, 0.9f}, {{1.5f, 2.5f, 3, 4}, 2, 0.5f}};
}  // namespace

TEST_CASE("JSONL: header then one object per frame, flushed as written") {
    test::TempDir tmp;
    auto w = openDetectionWriter(tmp / "d.jsonl", header());
    w->writeFrame(0, 0.0, kTwo);
    w->writeFrame(1, 40.0, {});
    const auto l = lines(tmp / "d.jsonl");  // read while the writer is still open
    REQUIRE(l.size() == 3);
    const auto h = nlohmann::json::parse(l[0]);
    CHECK(h["source"] == "video.mp4");
    CHECK(h["filter"]["confidence"] == doctest::Approx(0.4));
    CHECK(h["filter"]["classes"]["3"]["enabled"] == false);
    const auto f0 = nlohmann::json::parse(l[1]);
    CHECK(f0["detections"][0]["box"] == nlohmann::json({10.0, 20.0, 40.0, 60.0}));
    CHECK(f0["detections"][1]["label"] == "car, red");
    const auto f1 = nlohmann::json::parse(l[2]);
    CHECK(f1["frame"] == 1);
    CHECK(f1["pts_ms"] == doctest::Approx(40.0));
    CHECK(f1["detections"].empty());
}

TEST_CASE("CSV: one row per detection, commas in labels made safe") {
    test::TempDir tmp;
    auto w = openDetectionWriter(tmp / "d.csv", header());
    w->writeFrame(7, 280.0, kTwo);
    const auto l = lines(tmp / "d.csv");
    REQUIRE(l.size() == 3);
    CHECK(l[0] == "frame,pts_ms,class_id,label,score,x0,y0,x1,y1");
    CHECK(l[1] == "7,280.000,0,person,0.9000,10.0,20.0,40.0,60.0");
    CHECK(l[2] == "7,280.000,2,car  red,0.5000,1.5,2.5,4.5,6.5");
}

TEST_CASE("MOT: 1-based frames, id -1, left top width height") {
    test::TempDir tmp;
    auto w = openDetectionWriter(tmp / "det.txt", header());
    w->writeFrame(0, 0.0, kTwo);
    const auto l = lines(tmp / "det.txt");
    REQUIRE(l.size() == 2);
    CHECK(l[0] == "1,-1,10.00,20.00,30.00,40.00,0.9000,-1,-1,-1");
}

TEST_CASE("export format by extension, unknown extension named") {
    CHECK(exportFormatFor("a.JSONL") == ExportFormat::JsonLines);
    CHECK(exportFormatFor("a.csv") == ExportFormat::Csv);
    CHECK(exportFormatFor("a.txt") == ExportFormat::Mot);
    CHECK_THROWS_AS(exportFormatFor("a.xml"), UsageError);
}
