#include "livedetect/pipeline/background_loader.hpp"

namespace livedetect {

BackgroundLoader::BackgroundLoader() : m_thread([this](std::stop_token st) { run(st); }) {}

BackgroundLoader::~BackgroundLoader() { stop(); }

void BackgroundLoader::post(Job job) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_cv.notify_all();
}

bool BackgroundLoader::busy() const {
    std::lock_guard lock(m_mutex);
    return m_running || !m_jobs.empty();
}

void BackgroundLoader::stop() {
    m_thread.request_stop();
    if (m_thread.joinable()) m_thread.join();
    std::lock_guard lock(m_mutex);
    m_jobs.clear();
}

void BackgroundLoader::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, stop, [&] { return !m_jobs.empty(); });
            if (stop.stop_requested()) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            m_running = true;
        }
        job(stop);  // jobs catch their own errors and report them
        std::lock_guard lock(m_mutex);
        m_running = false;
    }
}

}  // namespace livedetect
