#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace livedetect {

// Lower-case hex SHA-256 (FIPS 180-4). Used to name the exact model in exports.
std::string sha256Hex(std::string_view data);
// Throws std::runtime_error naming the file when it cannot be read.
std::string sha256File(const std::filesystem::path& file);

}  // namespace livedetect
