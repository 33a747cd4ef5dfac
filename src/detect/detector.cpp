#include "livedetect/detect/detector.hpp"

#include "livedetect/core/errors.hpp"
#include "livedetect/core/sha256.hpp"

#include <fstream>
#include <map>
#include <mutex>
#include <cctype>
#include <sstream>

namespace livedetect {
namespace fs = std::filesystem;
namespace {

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// cv::Exception::what() carries file/line noise; err is the sentence a user can act on.
std::string shortMessage(const cv::Exception& e) { return e.err.empty() ? e.what() : e.err; }

// Hashing a 24 MB model takes ~0.1 s; with several workers loading the same file, once is enough.
std::string cachedSha256(const fs::path& file) {
    static std::mutex mutex;
    static std::map<std::string, std::string> cache;
    std::error_code ec;
    const auto key = file.string() + '|' + std::to_string(fs::file_size(file, ec)) + '|' +
                     std::to_string(fs::last_write_time(file, ec).time_since_epoch().count());
    std::lock_guard lock(mutex);
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, sha256File(file)).first;
    return it->second;
}

cv::dnn::Net readNetwork(const ModelSpec& spec) {
    const fs::path& named = spec.model.empty() ? spec.config : spec.model;
    try {
        cv::dnn::Net net;
        if (spec.format == "onnx") {
            net = cv::dnn::readNetFromONNX(spec.model.string());
        } else if (spec.format == "caffe") {
            net = cv::dnn::readNetFromCaffe(spec.config.string(), spec.model.string());
        } else if (spec.format == "tensorflow" || spec.format == "darknet" || spec.format == "torch") {
            net = cv::dnn::readNet(spec.model.string(), spec.config.string(), spec.format);
        } else {
            throw ModelLoadError("model '" + spec.name + "': unknown format '" + spec.format +
                                 "' (onnx, caffe, tensorflow, darknet, torch)");
        }
        if (net.empty()) throw ModelLoadError("model file " + named.string() + ": no network in it");
        return net;
    } catch (const cv::Exception& e) {
        throw ModelLoadError("model file " + named.string() + " cannot be loaded as " + spec.format +
                             ": " + shortMessage(e));
    }
}

// Caffe's DetectionOutput states its class count in the prototxt; other formats do not.
int caffeNumClasses(const fs::path& prototxt) {
    std::ifstream in(prototxt);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    const std::string key = "num_classes";
    for (auto at = s.find(key); at != std::string::npos; at = s.find(key, at + key.size())) {
        std::size_t i = at + key.size();
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        if (i >= s.size() || s[i] != ':') continue;
        ++i;
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        std::size_t end = i;
        while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
        if (end > i) return std::stoi(s.substr(i, end - i));
    }
    return 0;
}

}  // namespace

std::string backendName(int backend, int target) {
    using namespace cv::dnn;
    std::string name = backend == DNN_BACKEND_OPENCV || backend == DNN_BACKEND_DEFAULT ? "opencv"
                       : backend == DNN_BACKEND_INFERENCE_ENGINE                      ? "openvino"
                       : backend == DNN_BACKEND_VKCOM                                 ? "vulkan"
                       : backend == DNN_BACKEND_CUDA                                  ? "cuda"
                       : backend == DNN_BACKEND_HALIDE                                ? "halide"
                                                           : "backend" + std::to_string(backend);
    name += '/';
    name += target == DNN_TARGET_CPU           ? "cpu"
            : target == DNN_TARGET_OPENCL      ? "opencl"
            : target == DNN_TARGET_OPENCL_FP16 ? "opencl-fp16"
            : target == DNN_TARGET_VULKAN      ? "vulkan"
            : target == DNN_TARGET_CUDA        ? "cuda"
                                               : "target" + std::to_string(target);
    return name;
}

Detector::Detector(ModelSpec spec, DetectorOptions options)
    : m_description(std::make_shared<ModelDescription>()),
      m_spec(m_description->spec),
      m_options(options) {
    m_description->spec = std::move(spec);
    checkModelFiles(m_spec);
    if (!m_spec.labels.empty()) m_description->labels = LabelMap::load(m_spec.labels);
    if (m_spec.outputKind == OutputKind::Anchors) m_anchors = loadAnchors(m_spec.anchors);
    if (m_spec.inputSize.width <= 0 || m_spec.inputSize.height <= 0)
        throw ModelLoadError("model '" + m_spec.name + "': input size must be positive");

    m_net = readNetwork(m_spec);
    try {
        m_net.setPreferableBackend(m_options.backend);
        m_net.setPreferableTarget(m_options.target);
    } catch (const cv::Exception& e) {
        throw ModelLoadError("model '" + m_spec.name + "': backend/target not available: " +
                             shortMessage(e));
    }
    m_description->sha256 = cachedSha256(m_spec.model.empty() ? m_spec.config : m_spec.model);
    m_description->backend = backendName(m_options.backend, m_options.target);
    validateOutputs();
}

void Detector::validateOutputs() {
    const fs::path& file = m_spec.model.empty() ? m_spec.config : m_spec.model;
    const auto outputs = m_net.getUnconnectedOutLayersNames();
    if (m_spec.outputKind == OutputKind::Anchors) {
        for (const auto& wanted : {m_spec.boxesOutput, m_spec.scoresOutput})
            if (std::find(outputs.begin(), outputs.end(), wanted) == outputs.end()) {
                std::string have;
                for (const auto& o : outputs) have += (have.empty() ? "" : ", ") + o;
                throw ModelLoadError("model file " + file.string() + " has no output named '" +
                                     wanted + "' (it has: " + have + ")");
            }
        m_outputNames = {m_spec.boxesOutput, m_spec.scoresOutput};
    } else {
        m_outputNames = outputs;
    }

    // One forward on a blank frame proves the graph runs and tells the output shapes.
    std::vector<cv::Mat> out;
    try {
        m_net.setInput(preprocess(cv::Mat(m_spec.inputSize, CV_8UC3, cv::Scalar::all(0))));
        m_net.forward(out, m_outputNames);
    } catch (const cv::Exception& e) {
        throw ModelLoadError("model file " + file.string() + " does not run: " + shortMessage(e));
    }

    int columns = 0;
    if (m_spec.outputKind == OutputKind::Anchors) {
        const auto anchors = m_anchors.size();
        if (out[0].total() != anchors * 4 || out[1].total() % anchors != 0)
            throw ModelLoadError("model file " + file.string() + ": outputs have " +
                                 std::to_string(out[0].total() / 4) + " boxes but anchors file " +
                                 m_spec.anchors.string() + " has " + std::to_string(anchors));
        columns = static_cast<int>(out[1].total() / anchors);
        m_description->numClasses = columns - m_spec.classOffset;
    } else {
        if (out.empty() || out[0].total() % 7 != 0 || out[0].size[out[0].dims - 1] != 7)
            throw ModelLoadError("model file " + file.string() +
                                 ": first output is not a [1,1,N,7] detection list; is the output "
                                 "kind right (try anchors)?");
        if (m_spec.format == "caffe")
            if (const int n = caffeNumClasses(m_spec.config); n > 0)
                m_description->numClasses = n - m_spec.classOffset;
    }
    if (!m_spec.labels.empty() && m_description->numClasses > 0 && m_description->labels.idCount() != m_description->numClasses)
        throw ModelLoadError("labels file " + m_spec.labels.string() + " has " +
                             std::to_string(m_description->labels.idCount()) + " class ids but model file " +
                             file.string() + " has " + std::to_string(m_description->numClasses) +
                             " classes (" + std::to_string(m_description->numClasses + m_spec.classOffset) +
                             " columns, class offset " + std::to_string(m_spec.classOffset) + ")");
}

cv::Mat Detector::preprocess(const cv::Mat& bgr) const {
    return cv::dnn::blobFromImage(bgr, m_spec.scale, m_spec.inputSize, m_spec.mean, m_spec.swapRB,
                                  false, CV_32F);
}

std::vector<Detection> Detector::decode(const std::vector<cv::Mat>& outputs, cv::Size imageSize) const {
    DecodeParams params;
    params.imageSize = imageSize;
    params.classOffset = m_spec.classOffset;
    params.floor = m_spec.candidateFloor;
    auto span = [](const cv::Mat& m) {
        CV_Assert(m.isContinuous() && m.type() == CV_32F);
        return std::span<const float>(m.ptr<float>(), m.total());
    };
    if (m_spec.outputKind == OutputKind::Anchors) {
        const int columns = static_cast<int>(outputs[1].total() / m_anchors.size());
        return decodeAnchors(span(outputs[0]), span(outputs[1]), columns, m_anchors,
                             m_spec.boxCoderScales, m_spec.scoreActivation, params);
    }
    return decodeDetectionOutput(span(outputs[0]), params);
}

DetectOutput Detector::detect(const cv::Mat& bgr) {
    CV_Assert(!bgr.empty() && bgr.type() == CV_8UC3);
    DetectOutput result;
    auto t = Clock::now();
    const cv::Mat blob = preprocess(bgr);
    result.timings.preprocessMs = msSince(t);

    t = Clock::now();
    std::vector<cv::Mat> outputs;
    m_net.setInput(blob);
    m_net.forward(outputs, m_outputNames);
    result.timings.forwardMs = msSince(t);

    t = Clock::now();
    result.candidates = decode(outputs, bgr.size());
    result.timings.postprocessMs = msSince(t);
    return result;
}

std::vector<BackendChoice> availableBackends() {
    std::vector<BackendChoice> out;
    for (const auto& [backend, target] : cv::dnn::getAvailableBackends())
        out.push_back({backend, target, backendName(backend, target)});
    return out;
}

BackendChoice findBackend(const std::string& name) {
    const auto all = availableBackends();
    std::string known;
    for (const auto& b : all) {
        if (b.name == name) return b;
        known += (known.empty() ? "" : ", ") + b.name;
    }
    throw UsageError("--backend: '" + name + "' is not available (available: " + known + ")");
}

}  // namespace livedetect
