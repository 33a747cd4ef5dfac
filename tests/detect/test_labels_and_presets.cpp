#include "livedetect/core/errors.hpp"
#include "livedetect/detect/labels.hpp"
#include "livedetect/detect/model_spec.hpp"
#include "support/test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace livedetect;

namespace {
std::string messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}
}  // namespace

TEST_CASE("labels: 'id name' lines keep their ids, gaps stay unnamed") {
    test::TempDir tmp;
    std::ofstream(tmp / "ids.txt") << "0  person\n2  car\n17  dog\n";
    const auto labels = LabelMap::load(tmp / "ids.txt");
    CHECK(labels.idCount() == 18);
    CHECK(labels.name(17) == "dog");
    CHECK(labels.name(1) == "class 1");
    CHECK(labels.ids() == std::vector<int>{0, 2, 17});
}

TEST_CASE("labels: one name per line, names may hold spaces and digits") {
    test::TempDir tmp;
    std::ofstream(tmp / "names.txt") << "aeroplane\ntraffic light\n\n7up can\n";
    const auto labels = LabelMap::load(tmp / "names.txt");
    CHECK(labels.idCount() == 3);
    CHECK(labels.name(1) == "traffic light");
    CHECK(labels.name(2) == "7up can");
}

TEST_CASE("labels: missing, empty and duplicate-id files are named in the error") {
    test::TempDir tmp;
    std::ofstream(tmp / "empty.txt") << "\n\n";
    std::ofstream(tmp / "dup.txt") << "1 a\n1 b\n";
    CHECK(messageOf([&] { LabelMap::load(tmp / "nope.txt"); }).find("nope.txt: cannot be read") != std::string::npos);
    CHECK(messageOf([&] { LabelMap::load(tmp / "empty.txt"); }).find("empty.txt: is empty") != std::string::npos);
    CHECK(messageOf([&] { LabelMap::load(tmp / "dup.txt"); }).find("id 1 appears twice") != std::string::npos);
}

TEST_CASE("the project's presets parse and resolve files next to models.json") {
    const auto catalog = PresetCatalog::load(test::modelsDir() / "models.json");
    CHECK(catalog.defaultName() == "ssd_mobilenet_v2_coco");
    const auto& coco = catalog.get("ssd_mobilenet_v2_coco");
    CHECK(coco.outputKind == OutputKind::Anchors);
    CHECK(coco.classOffset == 1);
    CHECK(coco.swapRB);
    CHECK(coco.model == test::modelsDir() / "ssd_mobilenet_v2_coco.onnx");
    const auto& voc = catalog.get("mobilenet_ssd_voc");
    CHECK(voc.outputKind == OutputKind::DetectionOutput);
    CHECK(voc.config.filename() == "deploy.prototxt");
    CHECK(LabelMap::load(voc.labels).idCount() == 20);
    CHECK(LabelMap::load(catalog.get("res10_face").labels).name(0) == "face");
}

TEST_CASE("unknown preset lists the known ones") {
    const auto catalog = PresetCatalog::load(test::modelsDir() / "models.json");
    const auto msg = messageOf([&] { catalog.get("yolo"); });
    CHECK(msg.find("unknown model preset 'yolo'") != std::string::npos);
    CHECK(msg.find("res10_face") != std::string::npos);
}

TEST_CASE("missing files of a preset: which files, where, and how to get them") {
    const auto catalog = PresetCatalog::load(test::modelsDir() / "models.json");
    ModelSpec voc = catalog.get("mobilenet_ssd_voc");
    voc.model = test::modelsDir() / "mobilenet_ssd_voc" / "definitely_missing.caffemodel";
    const auto msg = messageOf([&] { checkModelFiles(voc); });
    CHECK(msg.find("definitely_missing.caffemodel") != std::string::npos);
    CHECK(msg.find("put the deploy.prototxt") != std::string::npos);
}

TEST_CASE("malformed models.json is named with the preset at fault") {
    test::TempDir tmp;
    std::ofstream(tmp / "models.json")
        << R"({"default": "a", "presets": [{"name": "a", "input_size": [300]}]})";
    const auto msg = messageOf([&] { PresetCatalog::load(tmp / "models.json"); });
    CHECK(msg.find("preset 'a'") != std::string::npos);
    CHECK(msg.find("input_size") != std::string::npos);
}
