#pragma once
// Helpers shared by the tests: where the data is, running the CLI, temporary folders.
#include "livedetect/detect/model_spec.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace livedetect::test {

std::filesystem::path dataDir();
std::filesystem::path modelsDir();
// The default preset, resolved from the project's models.json. Tests that need it fail
// with a message pointing at the set-up when the converted model is missing.
ModelSpec defaultModel();
std::filesystem::path dogJpg();    // Debian package darknet
std::filesystem::path vtestAvi();  // Debian package opencv-doc

struct CommandResult {
    int exitCode = -1;
    std::string out, err;
};
// Runs the livedetect binary with the given arguments (shell-quoted by the caller).
CommandResult runLivedetect(const std::string& args);
CommandResult runShell(const std::string& command);

// Starts the livedetect binary in the background (stdout/stderr to files); for tests
// that signal a running process. wait() returns the exit code (128 + signal if killed).
class Spawned {
public:
    Spawned(const std::vector<std::string>& args, const std::filesystem::path& out, const std::filesystem::path& err);
    ~Spawned();
    void signal(int sig);
    int wait();

private:
    int m_pid = -1;
    bool m_waited = false;
    int m_code = -1;
};

// A fresh folder under the system temp dir, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

std::string readFile(const std::filesystem::path& file);

}  // namespace livedetect::test
