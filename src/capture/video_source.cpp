// parseSourceSpec, openSource and what all sources share. The concrete sources live
// in sources/ (video file, camera/stream, image, image folder).
#include "livedetect/capture/video_source.hpp"

#include "livedetect/core/errors.hpp"
#include "livedetect/core/paths.hpp"
#include "sources/source_impl.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace livedetect {
namespace fs = std::filesystem;

std::string sourceKindName(SourceKind kind) {
    switch (kind) {
        case SourceKind::Camera: return "camera";
        case SourceKind::VideoFile: return "video file";
        case SourceKind::Image: return "image";
        case SourceKind::ImageFolder: return "image folder";
        case SourceKind::Stream: return "stream";
    }
    return "unknown";
}

namespace {

bool isCameraIndex(const std::string& s) {
    return !s.empty() && s.size() <= 2 &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "rtsp://...", "http://...": a scheme is a letter followed by letters, digits, + - .
bool hasUrlScheme(const std::string& s) {
    const auto colon = s.find("://");
    if (colon == std::string::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(s[0])))
        return false;
    return std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon), [](unsigned char c) {
        return std::isalnum(c) || c == '+' || c == '-' || c == '.';
    });
}

// "videotestsrc ! ...", "v4l2src device=/dev/video0 ! ...", "uridecodebin uri=... ! ...".
bool looksLikeGstPipeline(const std::string& s) {
    if (s.find(" ! ") != std::string::npos) return true;
    if (s.find('!') == std::string::npos) return false;
    const auto end = s.find_first_of(" !");
    const std::string first = s.substr(0, end);
    const auto endsWith = [&](const char* suffix) {
        const std::string x = suffix;
        return first.size() > x.size() && first.compare(first.size() - x.size(), x.size(), x) == 0;
    };
    return endsWith("src") || endsWith("bin");
}

}  // namespace

SourceSpec parseSourceSpec(const std::string& text) {
    SourceSpec spec;
    spec.location = text;
    if (isCameraIndex(text)) {
        spec.kind = SourceKind::Camera;
        spec.cameraIndex = std::stoi(text);
        return spec;
    }
    if (hasUrlScheme(text)) {
        spec.kind = SourceKind::Stream;
        return spec;
    }
    // An existing path wins over the pipeline test: file names may contain '!'.
    std::error_code ec;
    const fs::file_status status = fs::status(text, ec);
    if (!ec && fs::is_directory(status)) {
        spec.kind = SourceKind::ImageFolder;
    } else if (!ec && fs::exists(status)) {
        // haveImageReader looks at the file's signature, so a video never counts as an image.
        spec.kind = cv::haveImageReader(text) ? SourceKind::Image : SourceKind::VideoFile;
        // A photo's name with no photo inside: say so, rather than "cannot decode video".
        if (spec.kind == SourceKind::VideoFile && detail::hasImageExtension(text))
            throw SourceOpenError("input " + text + ": not a readable image");
    } else if (looksLikeGstPipeline(text)) {
        spec.kind = SourceKind::Stream;
    } else {
        throw SourceOpenError("input " + text + ": no such file or folder");
    }
    return spec;
}

std::unique_ptr<VideoSource> openSource(const SourceSpec& spec) {
    switch (spec.kind) {
        case SourceKind::VideoFile: return detail::openVideoFile(spec);
        case SourceKind::Image: return detail::openImage(spec);
        case SourceKind::ImageFolder: return detail::openImageFolder(spec);
        case SourceKind::Camera:
        case SourceKind::Stream: return detail::openLiveSource(spec);
    }
    throw SourceOpenError("unknown source kind for " + spec.location);
}

bool VideoSource::seek(std::int64_t, std::string& error) {
    error = info().description + " is not seekable";
    return false;
}

void VideoSource::reopen() {}

std::vector<std::string> VideoSource::takeWarnings() {
    std::vector<std::string> taken;
    taken.swap(m_warnings);
    return taken;
}

namespace detail {

cv::Mat ownedBgr(const cv::Mat& raw) {
    cv::Mat eight = raw;
    if (raw.depth() == CV_16U) raw.convertTo(eight, CV_8U, 1.0 / 256.0);
    cv::Mat bgr;
    switch (eight.channels()) {
        case 1: cv::cvtColor(eight, bgr, cv::COLOR_GRAY2BGR); break;
        case 4: cv::cvtColor(eight, bgr, cv::COLOR_BGRA2BGR); break;
        default: bgr = eight.data == raw.data ? raw.clone() : eight; break;
    }
    CV_Assert(bgr.type() == CV_8UC3);
    return bgr;
}

double msBetween(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

bool hasImageExtension(const std::string& path) {
    const std::string ext = lowerExtension(path);
    static const char* const known[] = {".jpg", ".jpeg", ".jpe", ".png", ".bmp", ".dib", ".tif",
                                        ".tiff", ".webp", ".pbm", ".pgm", ".ppm", ".pnm", ".pxm",
                                        ".sr", ".ras", ".exr", ".hdr", ".pic", ".jp2"};
    return std::any_of(std::begin(known), std::end(known), [&](const char* k) { return ext == k; });
}

}  // namespace detail
}  // namespace livedetect
