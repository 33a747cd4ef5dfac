// The headless CLI on videos, folders and cameras: every frame accounted for, exports
// valid even when the run is cut short or the file is damaged.
#include "support/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <csignal>
#include <fstream>
#include <thread>

using namespace livedetect;
using test::runLivedetect;
using json = nlohmann::json;

namespace {
std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

std::vector<std::string> lines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

// Frame records of a JSONL export (header dropped); every line must parse.
std::vector<json> frameRecords(const std::filesystem::path& file) {
    auto all = lines(file);
    REQUIRE(!all.empty());
    CHECK(json::parse(all.front()).contains("model_sha256"));
    std::vector<json> out;
    for (std::size_t i = 1; i < all.size(); ++i) out.push_back(json::parse(all[i]));
    return out;
}

int videoFrames(const std::filesystem::path& file) {
    cv::VideoCapture cap(file.string());
    int n = 0;
    cv::Mat f;
    while (cap.read(f)) ++n;
    return n;
}
}  // namespace

TEST_CASE("cli video: vtest.avi gives 795 frame records in order, identical with 1 and 2 workers") {
    test::defaultModel();
    test::TempDir tmp;
    const auto one = runLivedetect(quoted(test::vtestAvi()) + " --headless --workers 1 --detections " + quoted(tmp / "one.jsonl"));
    CAPTURE(one.err);
    REQUIRE(one.exitCode == 0);
    const auto two = runLivedetect(quoted(test::vtestAvi()) + " --headless --workers 2 --detections " + quoted(tmp / "two.jsonl"));
    REQUIRE(two.exitCode == 0);
    CHECK(one.out.find("795 frames") != std::string::npos);
    CHECK(two.out.find("workers 2 x 1 threads") != std::string::npos);
    CHECK(two.err.find("/795 frames") != std::string::npos);  // plain progress lines (not a terminal)

    const auto a = frameRecords(tmp / "one.jsonl");
    const auto b = frameRecords(tmp / "two.jsonl");
    REQUIRE(a.size() == 795);
    REQUIRE(b.size() == 795);
    int withPerson = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i]["frame"] == static_cast<int>(i));
        CHECK(a[i]["detections"] == b[i]["detections"]);
        for (const auto& d : a[i]["detections"])
            if (d["label"] == "person") {
                ++withPerson;
                break;
            }
    }
    CHECK(withPerson >= 700);  // pedestrians are on screen all along
    CHECK(a[10]["pts_ms"] == doctest::Approx(1000.0));  // 10 fps
}

TEST_CASE("cli video: a truncated file exports every frame up to the damage and exits 1") {
    test::defaultModel();
    test::TempDir tmp;
    const std::string bytes = test::readFile(test::vtestAvi());
    std::ofstream(tmp / "cut.avi", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    const auto r = runLivedetect(quoted(tmp / "cut.avi") + " --headless --detections " + quoted(tmp / "cut.jsonl"));
    CAPTURE(r.err);
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("cut.avi") != std::string::npos);
    CHECK(r.err.find("of 795") != std::string::npos);
    const auto records = frameRecords(tmp / "cut.jsonl");
    CHECK(records.size() > 300);
    CHECK(records.size() < 795);
    for (std::size_t i = 0; i < records.size(); ++i) CHECK(records[i]["frame"] == static_cast<int>(i));
}

TEST_CASE("cli video: Ctrl-C stops cleanly with valid exports up to the last frame") {
    test::defaultModel();
    test::TempDir tmp;
    test::Spawned run({test::vtestAvi().string(), "--headless", "--realtime", "--detections", (tmp / "d.jsonl").string(),
                       "--output", (tmp / "a.mp4").string()},
                      tmp / "out.txt", tmp / "err.txt");
    // Interrupt once some frames are out (start-up is slow under sanitizers).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && lines(tmp / "d.jsonl").size() < 8)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    run.signal(SIGINT);
    const int code = run.wait();
    CAPTURE(test::readFile(tmp / "err.txt"));
    CHECK(code == 130);
    const auto records = frameRecords(tmp / "d.jsonl");
    CHECK(records.size() >= 5);
    CHECK(records.size() < 795);
    for (std::size_t i = 0; i < records.size(); ++i) CHECK(records[i]["frame"] == static_cast<int>(i));
    CHECK(videoFrames(tmp / "a.mp4") == static_cast<int>(records.size()));
    CHECK(test::readFile(tmp / "out.txt").find("frames in") != std::string::npos);  // the summary still comes
}

TEST_CASE("cli video: CSV, MOT and annotated video of the first 20 frames agree") {
    test::defaultModel();
    test::TempDir tmp;
    const std::string base = quoted(test::vtestAvi()) + " --headless --max-frames 20 --conf 0.5";
    const auto csv = runLivedetect(base + " --detections " + quoted(tmp / "d.csv") + " --output " + quoted(tmp / "a.avi"));
    REQUIRE(csv.exitCode == 0);
    const auto mot = runLivedetect(base + " --detections " + quoted(tmp / "det.txt"));
    REQUIRE(mot.exitCode == 0);
    const auto jsonl = runLivedetect(base + " --detections " + quoted(tmp / "d.jsonl"));
    REQUIRE(jsonl.exitCode == 0);
    std::size_t detections = 0;
    const auto records = frameRecords(tmp / "d.jsonl");
    REQUIRE(records.size() == 20);
    for (const auto& r : records) detections += r["detections"].size();
    const auto csvLines = lines(tmp / "d.csv");
    const auto motLines = lines(tmp / "det.txt");
    CHECK(csvLines.size() == detections + 1);  // header
    CHECK(motLines.size() == detections);
    CHECK(motLines.front().rfind("1,-1,", 0) == 0);
    CHECK(videoFrames(tmp / "a.avi") == 20);
}

TEST_CASE("cli video: a folder of images, non-images skipped with a warning") {
    test::defaultModel();
    test::TempDir tmp;
    const cv::Mat dog = cv::imread(test::dogJpg().string());
    std::filesystem::create_directories(tmp / "photos");
    cv::imwrite((tmp / "photos" / "b.png").string(), dog);
    cv::imwrite((tmp / "photos" / "a.jpg").string(), dog);
    std::ofstream(tmp / "photos" / "notes.txt") << "not an image\n";
    const auto r = runLivedetect(quoted(tmp / "photos") + " --headless --nms 0.6 --detections " + quoted(tmp / "d.jsonl"));
    CAPTURE(r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.err.find("notes.txt") != std::string::npos);
    const auto records = frameRecords(tmp / "d.jsonl");
    REQUIRE(records.size() == 2);
    for (const auto& rec : records) CHECK(rec["detections"].size() == 3);
}

TEST_CASE("cli video: bad sources and outputs are usage errors") {
    const auto camera = runLivedetect("7 --headless");
    CHECK(camera.exitCode == 2);
    CHECK(camera.err.find("no camera at index 7") != std::string::npos);
    test::TempDir tmp;
    const auto output = runLivedetect(quoted(test::vtestAvi()) + " --headless --output " + quoted(tmp / "a.png"));
    CHECK(output.exitCode == 2);
    CHECK(output.err.find("use .mp4, .avi or .mkv") != std::string::npos);
}
