#pragma once
// Runs slow set-up jobs (opening a source, loading a model, resizing the worker pool)
// off the caller's thread, one at a time and in order, so the window never waits.
// Threading: post()/busy() from any thread; jobs run on the loader's own thread and get
// its stop token, which they check between steps.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace livedetect {

class BackgroundLoader {
public:
    using Job = std::function<void(std::stop_token)>;

    BackgroundLoader();
    ~BackgroundLoader();
    BackgroundLoader(const BackgroundLoader&) = delete;
    BackgroundLoader& operator=(const BackgroundLoader&) = delete;

    void post(Job job);
    bool busy() const;  // a job is queued or running
    // Drops queued jobs, lets a running one see its stop token, joins. Idempotent.
    void stop();

private:
    void run(std::stop_token stop);

    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    std::deque<Job> m_jobs;
    bool m_running = false;
    std::jthread m_thread;  // last
};

}  // namespace livedetect
