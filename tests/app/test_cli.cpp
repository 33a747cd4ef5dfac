// The CLI as a user runs it: exit codes and one clear line per error.
#include "support/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace livedetect;
using test::runLivedetect;

namespace {
std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Exit code 2, one line on stderr that contains every expected piece, no OpenCV dump.
void checkUsageError(const test::CommandResult& r, std::initializer_list<std::string> pieces) {
    CAPTURE(r.err);
    CHECK(r.exitCode == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.rfind("livedetect: ", 0) == 0);
    for (const auto& p : pieces) CHECK(r.err.find(p) != std::string::npos);
    CHECK(r.err.find("OpenCV(") == std::string::npos);
}
}  // namespace

TEST_CASE("cli: --help, --version and --list-models exit 0") {
    const auto help = runLivedetect("--help");
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--headless") != std::string::npos);
    const auto version = runLivedetect("--version");
    CHECK(version.exitCode == 0);
    CHECK(version.out.find("livedetect 0.") == 0);
    const auto list = runLivedetect("--list-models");
    CHECK(list.exitCode == 0);
    CHECK(list.out.find("ssd_mobilenet_v2_coco") != std::string::npos);
    CHECK(list.out.find("mobilenet_ssd_voc") != std::string::npos);
    CHECK(list.out.find("opencv/cpu") != std::string::npos);
}

TEST_CASE("cli: dog.jpg headless writes the summary, the JSONL and the annotated image") {
    test::defaultModel();
    test::TempDir tmp;
    const auto r = runLivedetect(quoted(test::dogJpg()) + " --headless --conf 0.5 --nms 0.6 --detections " +
                                 quoted(tmp / "out.jsonl") + " --output " + quoted(tmp / "annotated.jpg"));
    CAPTURE(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.rfind("dog.jpg: 3 detections (dog 0.9", 0) == 0);
    CHECK(r.out.find("bicycle 0.9") != std::string::npos);
    CHECK(r.out.find(" ms\n") != std::string::npos);
    CHECK(std::filesystem::file_size(tmp / "annotated.jpg") > 10000);

    std::ifstream in(tmp / "out.jsonl");
    std::string line;
    REQUIRE(std::getline(in, line));
    const auto header = nlohmann::json::parse(line);
    CHECK(header["model"] == "ssd_mobilenet_v2_coco");
    CHECK(header["model_sha256"].get<std::string>().size() == 64);
    CHECK(header["filter"]["nms_iou"] == doctest::Approx(0.6));
    REQUIRE(std::getline(in, line));
    const auto frame = nlohmann::json::parse(line);
    CHECK(frame["frame"] == 0);
    REQUIRE(frame["detections"].size() == 3);
    CHECK(frame["detections"][0]["label"] == "dog");
    CHECK(frame["detections"][0]["class_id"] == 17);
    CHECK(frame["detections"][0]["box"].size() == 4);
    CHECK_FALSE(std::getline(in, line));
}

TEST_CASE("cli errors: bad flag values") {
    checkUsageError(runLivedetect("x.jpg --headless --conf 1.5"), {"--conf", "1.5"});
    checkUsageError(runLivedetect("x.jpg --headless --nms -0.1"), {"--nms"});
    checkUsageError(runLivedetect("x.jpg --headless --no-such-flag"), {"--no-such-flag"});
    checkUsageError(runLivedetect("x.jpg --headless --input-size 300 --model-file m.onnx"), {"--input-size", "300"});
}

TEST_CASE("cli errors: unknown preset") {
    checkUsageError(runLivedetect(quoted(test::dogJpg()) + " --headless --model yolo"),
                    {"unknown model preset 'yolo'", "ssd_mobilenet_v2_coco"});
}

TEST_CASE("cli errors: unreadable or non-image input") {
    test::TempDir tmp;
    std::ofstream(tmp / "notes.jpg") << "this is text, not a JPEG\n";
    checkUsageError(runLivedetect(quoted(tmp / "notes.jpg") + " --headless"), {"notes.jpg", "not a readable image"});
    checkUsageError(runLivedetect(quoted(tmp / "absent.jpg") + " --headless"), {"absent.jpg", "no such file"});
}

TEST_CASE("cli errors: missing model file, and a preset whose files are not there") {
    test::TempDir tmp;
    checkUsageError(runLivedetect(quoted(test::dogJpg()) + " --headless --model ssd_mobilenet_v2_coco --model-file " +
                                  quoted(tmp / "gone.onnx")),
                    {"gone.onnx"});
    checkUsageError(runLivedetect(quoted(test::dogJpg()) + " --headless --model mobilenet_ssd_voc"),
                    {"mobilenet_iter_73000.caffemodel", "models/mobilenet_ssd_voc/"});
}

TEST_CASE("cli errors: truncated and corrupt model files") {
    const auto spec = test::defaultModel();
    test::TempDir tmp;
    const std::string bytes = test::readFile(spec.model);
    std::ofstream(tmp / "truncated.onnx", std::ios::binary) << bytes.substr(0, bytes.size() / 3);
    std::string garbage(4096, '\0');
    for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 7919) % 256);
    std::ofstream(tmp / "garbage.onnx", std::ios::binary) << garbage;
    for (const char* name : {"truncated.onnx", "garbage.onnx"}) {
        CAPTURE(name);
        checkUsageError(runLivedetect(quoted(test::dogJpg()) + " --headless --model ssd_mobilenet_v2_coco --model-file " +
                                      quoted(tmp / name)),
                        {name, "cannot be loaded"});
    }
}

TEST_CASE("cli errors: labels that do not match the network's classes") {
    test::defaultModel();
    checkUsageError(runLivedetect(quoted(test::dogJpg()) + " --headless --labels " +
                                  quoted(test::modelsDir() / "voc_labels.txt")),
                    {"voc_labels.txt has 20 class ids", "has 90 classes"});
}

TEST_CASE("cli errors: unknown class names and bad export paths") {
    test::defaultModel();
    checkUsageError(runLivedetect(quoted(test::dogJpg()) + " --headless --classes persn"), {"--classes", "persn"});
    checkUsageError(runLivedetect(quoted(test::dogJpg()) + " --headless --detections out.xml"), {"out.xml", "unknown format"});
    checkUsageError(runLivedetect(quoted(test::dogJpg()) + " --headless --detections /no/such/dir/out.jsonl"),
                    {"/no/such/dir/out.jsonl", "cannot be created"});
}
