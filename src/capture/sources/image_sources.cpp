// ImageSource (one picture) and ImageFolderSource (the pictures of a folder, in natural
// name order). Decoding happens in read(), on the thread that owns the source.
#include "livedetect/core/errors.hpp"
#include "source_impl.hpp"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

namespace livedetect::detail {
namespace fs = std::filesystem;
namespace {

class ImageSource final : public VideoSource {
public:
    explicit ImageSource(const std::string& path) {
        const auto start = Clock::now();
        m_image = cv::imread(path, cv::IMREAD_COLOR);
        m_decodeMs = msBetween(start, Clock::now());
        if (m_image.empty()) throw SourceOpenError("cannot decode image " + path);
        m_info.description = fs::path(path).filename().string();
        m_info.kind = SourceKind::Image;
        m_info.frameCount = 1;
        m_info.size = m_image.size();
        m_info.seekable = true;
    }

    const SourceInfo& info() const override { return m_info; }

    ReadStatus read(Frame& out, std::string&) override {
        if (m_delivered) return ReadStatus::End;
        out.image = m_image.clone();  // the consumer may draw on it; we keep ours clean
        out.index = 0;
        out.ptsMs = 0.0;
        out.decodeMs = m_decodeMs;
        m_delivered = true;
        return ReadStatus::Ok;
    }

    bool seek(std::int64_t index, std::string& error) override {
        if (index != 0) {
            error = m_info.description + " is a single image (frame 0 only)";
            return false;
        }
        m_delivered = false;
        return true;
    }

private:
    SourceInfo m_info;
    cv::Mat m_image;
    double m_decodeMs = 0.0;
    bool m_delivered = false;
};

// "img2.png" before "img10.png": runs of digits compare by value.
bool naturalLess(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            std::size_t ei = i, ej = j;
            while (ei < a.size() && digit(a[ei])) ++ei;
            while (ej < b.size() && digit(b[ej])) ++ej;
            // Compare the numbers without leading zeros: first by length, then digit by digit.
            std::size_t zi = i, zj = j;
            while (zi + 1 < ei && a[zi] == '0') ++zi;
            while (zj + 1 < ej && b[zj] == '0') ++zj;
            if (ei - zi != ej - zj) return ei - zi < ej - zj;
            if (const int c = a.compare(zi, ei - zi, b, zj, ej - zj); c != 0) return c < 0;
            i = ei;
            j = ej;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
    return a < b;  // "01" vs "1": any fixed order
}

class ImageFolderSource final : public VideoSource {
public:
    explicit ImageFolderSource(const std::string& folder) {
        std::vector<std::string> names;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(folder, ec)) {
            const std::string name = entry.path().filename().string();
            if (!entry.is_regular_file(ec) || name.empty() || name.front() == '.') continue;  // dot files: silently
            names.push_back(name);
        }
        if (ec) throw SourceOpenError("cannot list folder " + folder + ": " + ec.message());
        std::sort(names.begin(), names.end(), naturalLess);
        for (const auto& name : names) {
            if (hasImageExtension(name)) m_files.push_back(fs::path(folder) / name);
            else warn("skipped " + name + ": not an image");
        }
        if (m_files.empty()) throw SourceOpenError("folder " + folder + " has no images");
        m_info.description = fs::path(folder).lexically_normal().string();
        m_info.kind = SourceKind::ImageFolder;
        m_info.frameCount = static_cast<std::int64_t>(m_files.size());
        m_info.seekable = true;
    }

    const SourceInfo& info() const override { return m_info; }

    ReadStatus read(Frame& out, std::string&) override {
        for (; m_next < m_info.frameCount; ++m_next) {
            const auto start = Clock::now();
            const fs::path& file = m_files[static_cast<std::size_t>(m_next)];
            cv::Mat image = cv::imread(file.string(), cv::IMREAD_COLOR);
            if (image.empty()) {
                if (m_reported.insert(m_next).second) warn("skipped " + file.filename().string() + ": cannot decode it");
                continue;
            }
            out.image = std::move(image);
            out.index = m_next++;
            out.ptsMs = 0.0;
            out.decodeMs = msBetween(start, Clock::now());
            return ReadStatus::Ok;
        }
        return ReadStatus::End;
    }

    bool seek(std::int64_t index, std::string& error) override {
        if (index < 0 || index >= m_info.frameCount) {
            error = m_info.description + ": image " + std::to_string(index) + " is outside 0.." +
                    std::to_string(m_info.frameCount - 1);
            return false;
        }
        m_next = index;
        return true;
    }

private:
    SourceInfo m_info;
    std::vector<fs::path> m_files;  // image files in natural name order; index = position
    std::int64_t m_next = 0;
    std::set<std::int64_t> m_reported;  // undecodable files already warned about (seek/loop re-reads)
};

}  // namespace

std::unique_ptr<VideoSource> openImage(const SourceSpec& spec) {
    return std::make_unique<ImageSource>(spec.location);
}

std::unique_ptr<VideoSource> openImageFolder(const SourceSpec& spec) {
    return std::make_unique<ImageFolderSource>(spec.location);
}

}  // namespace livedetect::detail
