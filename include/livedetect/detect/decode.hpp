#pragma once
// Pure functions from network outputs to candidate detections in source-image pixels.
// No thresholds other than the candidate floor, no NMS: that is the DetectionFilter's job.
#include "livedetect/core/types.hpp"
#include "livedetect/detect/model_spec.hpp"

#include <filesystem>
#include <span>
#include <vector>

namespace livedetect {

struct Anchor {
    float yc, xc, h, w;  // normalized to the network input
};

struct DecodeParams {
    cv::Size imageSize;        // source image; boxes are scaled to it and clipped
    int classOffset = 0;       // column c -> label id c - classOffset; negative ids skipped
    float floor = 0.05f;       // candidates below this score are not kept
    std::size_t maxCandidates = 5000;  // keep the best ones when more pass the floor
};

cv::Rect2f clipToImage(const cv::Rect2f& box, cv::Size image);

// TF Object Detection API box coder: (ty, tx, th, tw) relative to anchors (yc, xc, h, w).
// boxes: numAnchors*4 floats, scores: numAnchors*numColumns floats (row per anchor).
std::vector<Detection> decodeAnchors(std::span<const float> boxes, std::span<const float> scores,
                                     int numColumns, std::span<const Anchor> anchors,
                                     const std::array<float, 4>& coderScales,
                                     ScoreActivation activation, const DecodeParams& params);

// Rows of 7 floats: image id, class, score, x0, y0, x1, y1 (normalized). Rows with a
// negative image id end the list (Caffe pads with -1).
std::vector<Detection> decodeDetectionOutput(std::span<const float> rows, const DecodeParams& params);

// Throws ModelLoadError naming the file and line when it cannot be parsed.
std::vector<Anchor> loadAnchors(const std::filesystem::path& file);

}  // namespace livedetect
