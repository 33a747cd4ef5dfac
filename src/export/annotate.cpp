#include "livedetect/export/annotate.hpp"

#include "livedetect/core/palette.hpp"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdio>

namespace livedetect {

std::string detectionCaption(const Detection& d, const LabelMap& labels) {
    char score[16];
    std::snprintf(score, sizeof score, " %.2f", static_cast<double>(d.score));
    return labels.name(d.classId) + score;
}

void drawDetections(cv::Mat& bgr, const std::vector<Detection>& detections, const LabelMap& labels) {
    const int thickness = std::max(1, static_cast<int>(std::lround(bgr.cols / 400.0)));
    const double fontScale = std::max(0.4, bgr.cols / 1600.0);
    for (const auto& d : detections) {
        const Rgb c = classColor(d.classId);
        const cv::Scalar color(c.b, c.g, c.r);
        const cv::Rect box(cv::Point(static_cast<int>(std::lround(d.box.x)), static_cast<int>(std::lround(d.box.y))),
                           cv::Point(static_cast<int>(std::lround(d.box.x + d.box.width)),
                                     static_cast<int>(std::lround(d.box.y + d.box.height))));
        cv::rectangle(bgr, box, color, thickness, cv::LINE_AA);
        const std::string caption = detectionCaption(d, labels);
        int baseline = 0;
        const cv::Size text = cv::getTextSize(caption, cv::FONT_HERSHEY_SIMPLEX, fontScale, 1, &baseline);
        // Caption above the box, or inside it when the box touches the top edge.
        const int top = box.y - text.height - baseline - 2 >= 0 ? box.y - text.height - baseline - 2 : box.y;
        const cv::Rect label(box.x, top, text.width + 4, text.height + baseline + 2);
        cv::rectangle(bgr, label, color, cv::FILLED);
        const bool light = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b > 140;
        cv::putText(bgr, caption, cv::Point(box.x + 2, top + text.height + 1), cv::FONT_HERSHEY_SIMPLEX,
                    fontScale, light ? cv::Scalar(0, 0, 0) : cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
    }
}

}  // namespace livedetect
