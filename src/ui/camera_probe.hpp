#pragma once
// Finds which camera indices open, for the source picker. Opening a camera can take a
// second, so it runs on its own thread; the UI thread starts it and polls for the answer.
// Threading: start/takeResult/running from the UI thread; the probe thread only probes.
#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace livedetect::ui {

class CameraProbe {
public:
    ~CameraProbe();  // joins (a probe blocked in a driver returns when the driver does)
    // Tries indices 0..maxIndex, except `skip` (the camera already running). No-op while running.
    void start(int maxIndex, std::set<int> skip);
    bool running() const { return m_running; }
    std::optional<std::vector<int>> takeResult();

private:
    std::atomic<bool> m_running{false};
    std::mutex m_mutex;
    std::optional<std::vector<int>> m_result;
    std::thread m_thread;
};

}  // namespace livedetect::ui
