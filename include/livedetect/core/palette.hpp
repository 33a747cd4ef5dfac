#pragma once
// Per-class colours shared by the exported annotations and the window's overlay, so a
// class looks the same everywhere.
#include <cstdint>

namespace livedetect {

struct Rgb {
    std::uint8_t r, g, b;
};

// Distinct, stable colour for a class id (golden-ratio hue walk, full value).
Rgb classColor(int classId);

}  // namespace livedetect
