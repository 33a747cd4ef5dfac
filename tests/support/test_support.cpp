#include "support/test_support.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace livedetect::test {
namespace fs = std::filesystem;

fs::path dataDir() { return LIVEDETECT_TEST_DATA_DIR; }
fs::path modelsDir() { return LIVEDETECT_TEST_MODELS_DIR; }

ModelSpec defaultModel() {
    const auto catalog = PresetCatalog::load(modelsDir() / "models.json");
    ModelSpec spec = catalog.get(catalog.defaultName());
    REQUIRE_MESSAGE(fs::exists(spec.model),
                    "the default model is missing: run models/fetch_default_model.sh (scripts/setup.sh does)");
    return spec;
}

fs::path dogJpg() {
    const fs::path p = "/usr/share/darknet/data/dog.jpg";
    REQUIRE_MESSAGE(fs::exists(p), "install the Debian package darknet (scripts/setup.sh does)");
    return p;
}

fs::path vtestAvi() {
    const fs::path p = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
    REQUIRE_MESSAGE(fs::exists(p), "install the Debian package opencv-doc (scripts/setup.sh does)");
    return p;
}

std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

CommandResult runShell(const std::string& command) {
    TempDir tmp;
    const auto out = tmp / "stdout", err = tmp / "stderr";
    const std::string full = command + " >" + out.string() + " 2>" + err.string() + " </dev/null";
    const int status = std::system(full.c_str());
    CommandResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = readFile(out);
    r.err = readFile(err);
    return r;
}

CommandResult runLivedetect(const std::string& args) {
    return runShell(std::string("'") + LIVEDETECT_BINARY + "' " + args);
}

Spawned::Spawned(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
    std::vector<std::string> argv = {LIVEDETECT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    m_pid = ::fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
        const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(o, 1);
        ::dup2(e, 2);
        std::vector<char*> raw;
        for (auto& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        ::_exit(127);
    }
}

Spawned::~Spawned() {
    if (m_pid > 0 && !m_waited) {
        ::kill(m_pid, SIGKILL);
        wait();
    }
}

void Spawned::signal(int sig) { ::kill(m_pid, sig); }

int Spawned::wait() {
    if (m_waited) return m_code;
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_waited = true;
    m_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return m_code;
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    m_path = fs::temp_directory_path() /
             ("livedetect-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(m_path);
    fs::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

}  // namespace livedetect::test
