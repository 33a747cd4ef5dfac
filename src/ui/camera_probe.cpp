#include "ui/camera_probe.hpp"

#include <opencv2/videoio.hpp>

namespace livedetect::ui {

CameraProbe::~CameraProbe() {
    if (m_thread.joinable()) m_thread.join();
}

void CameraProbe::start(int maxIndex, std::set<int> skip) {
    if (m_running) return;
    if (m_thread.joinable()) m_thread.join();
    m_running = true;
    m_thread = std::thread([this, maxIndex, skip = std::move(skip)] {
        std::vector<int> found;
        for (int i = 0; i <= maxIndex; ++i) {
            if (skip.count(i)) {
                found.push_back(i);
                continue;
            }
            try {
                cv::VideoCapture cap(i);
                if (cap.isOpened()) found.push_back(i);
            } catch (const cv::Exception&) {
            }
        }
        {
            std::lock_guard lock(m_mutex);
            m_result = std::move(found);
        }
        m_running = false;
    });
}

std::optional<std::vector<int>> CameraProbe::takeResult() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_result, std::nullopt);
}

}  // namespace livedetect::ui
