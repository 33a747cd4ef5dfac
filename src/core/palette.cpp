#include "livedetect/core/palette.hpp"

#include <cmath>

namespace livedetect {

Rgb classColor(int classId) {
    const double hue = std::fmod(0.12 + 0.618033988749895 * classId, 1.0) * 6.0;
    const double s = classId % 2 ? 0.65 : 0.9;
    const int sector = static_cast<int>(hue);
    const double f = hue - sector;
    const double p = 1.0 - s, q = 1.0 - s * f, t = 1.0 - s * (1.0 - f);
    double r = 1, g = 1, b = 1;
    switch (sector % 6) {
        case 0: r = 1, g = t, b = p; break;
        case 1: r = q, g = 1, b = p; break;
        case 2: r = p, g = 1, b = t; break;
        case 3: r = p, g = q, b = 1; break;
        case 4: r = t, g = p, b = 1; break;
        default: r = 1, g = p, b = q; break;
    }
    auto byte = [](double v) { return static_cast<std::uint8_t>(std::lround(v * 255.0)); };
    return {byte(r), byte(g), byte(b)};
}

}  // namespace livedetect
