#include "livedetect/detect/decode.hpp"

#include "livedetect/core/errors.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace livedetect {

cv::Rect2f clipToImage(const cv::Rect2f& box, cv::Size image) {
    const float x0 = std::clamp(box.x, 0.f, static_cast<float>(image.width));
    const float y0 = std::clamp(box.y, 0.f, static_cast<float>(image.height));
    const float x1 = std::clamp(box.x + box.width, 0.f, static_cast<float>(image.width));
    const float y1 = std::clamp(box.y + box.height, 0.f, static_cast<float>(image.height));
    return {x0, y0, std::max(0.f, x1 - x0), std::max(0.f, y1 - y0)};
}

namespace {

void keepBest(std::vector<Detection>& out, std::size_t maxCandidates) {
    if (out.size() <= maxCandidates) return;
    std::nth_element(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(maxCandidates), out.end(),
                     [](const Detection& a, const Detection& b) { return a.score > b.score; });
    out.resize(maxCandidates);
}

cv::Rect2f toPixels(float x0, float y0, float x1, float y1, cv::Size image) {
    const auto w = static_cast<float>(image.width), h = static_cast<float>(image.height);
    return clipToImage(cv::Rect2f(x0 * w, y0 * h, (x1 - x0) * w, (y1 - y0) * h), image);
}

}  // namespace

std::vector<Detection> decodeAnchors(std::span<const float> boxes, std::span<const float> scores,
                                     int numColumns, std::span<const Anchor> anchors,
                                     const std::array<float, 4>& coderScales,
                                     ScoreActivation activation, const DecodeParams& params) {
    const std::size_t n = anchors.size();
    const auto columns = static_cast<std::size_t>(numColumns);
    if (boxes.size() != n * 4 || scores.size() != n * columns)
        throw std::invalid_argument("decodeAnchors: output sizes do not match the anchors");
    const auto firstColumn = static_cast<std::size_t>(std::max(0, params.classOffset));

    std::vector<Detection> out;
    for (std::size_t i = 0; i < n; ++i) {
        const float* row = scores.data() + i * columns;
        cv::Rect2f box;
        bool boxReady = false;
        for (std::size_t c = firstColumn; c < columns; ++c) {
            float score = row[c];
            if (activation == ScoreActivation::Sigmoid) score = 1.f / (1.f + std::exp(-score));
            if (score < params.floor) continue;
            if (!boxReady) {
                const Anchor& a = anchors[i];
                const float* t = boxes.data() + i * 4;
                const float yc = t[0] / coderScales[0] * a.h + a.yc;
                const float xc = t[1] / coderScales[1] * a.w + a.xc;
                const float h = std::exp(t[2] / coderScales[2]) * a.h;
                const float w = std::exp(t[3] / coderScales[3]) * a.w;
                box = toPixels(xc - w / 2, yc - h / 2, xc + w / 2, yc + h / 2, params.imageSize);
                boxReady = true;
            }
            if (box.area() <= 0.f) break;
            out.push_back({box, static_cast<int>(c) - params.classOffset, score});
        }
    }
    keepBest(out, params.maxCandidates);
    return out;
}

std::vector<Detection> decodeDetectionOutput(std::span<const float> rows, const DecodeParams& params) {
    std::vector<Detection> out;
    for (std::size_t r = 0; r + 7 <= rows.size(); r += 7) {
        const float* d = rows.data() + r;
        if (d[0] < 0.f) break;
        const int classId = static_cast<int>(std::lround(d[1])) - params.classOffset;
        if (classId < 0 || d[2] < params.floor) continue;
        const cv::Rect2f box = toPixels(d[3], d[4], d[5], d[6], params.imageSize);
        if (box.area() <= 0.f) continue;
        out.push_back({box, classId, d[2]});
    }
    keepBest(out, params.maxCandidates);
    return out;
}

std::vector<Anchor> loadAnchors(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw ModelLoadError("anchors file " + file.string() + ": cannot be read");
    std::vector<Anchor> anchors;
    int lineNo = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineNo;
        const auto start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos || line[start] == '#') continue;
        std::istringstream fields(line);
        Anchor a{};
        std::string extra;
        if (!(fields >> a.yc >> a.xc >> a.h >> a.w) || (fields >> extra) || a.h <= 0 || a.w <= 0)
            throw ModelLoadError("anchors file " + file.string() + ", line " + std::to_string(lineNo) +
                                 ": expected 4 numbers 'yc xc h w' with h, w > 0");
        anchors.push_back(a);
    }
    if (anchors.empty()) throw ModelLoadError("anchors file " + file.string() + ": has no anchors");
    return anchors;
}

}  // namespace livedetect
