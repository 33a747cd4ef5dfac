#pragma once
// File-name helpers shared by sources and exports.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

namespace livedetect {

// ".MP4" -> ".mp4": formats are chosen by extension, whatever its case.
inline std::string lowerExtension(const std::filesystem::path& file) {
    auto ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

}  // namespace livedetect
