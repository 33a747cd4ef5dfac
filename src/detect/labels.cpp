#include "livedetect/detect/labels.hpp"

#include "livedetect/core/errors.hpp"

#include <cctype>
#include <fstream>

namespace livedetect {
namespace {

std::string trim(const std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

// "17  dog" -> (17, "dog"); anything else -> nullopt.
bool splitIdLine(const std::string& line, int& id, std::string& name) {
    std::size_t i = 0;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
    if (i == 0 || i > 6 || i == line.size() || !std::isspace(static_cast<unsigned char>(line[i])))
        return false;
    id = std::stoi(line.substr(0, i));
    name = trim(line.substr(i));
    return !name.empty();
}

}  // namespace

LabelMap LabelMap::load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw ModelLoadError("labels file " + file.string() + ": cannot be read");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        line = trim(line);
        if (!line.empty()) lines.push_back(line);
    }
    if (lines.empty()) throw ModelLoadError("labels file " + file.string() + ": is empty");

    int id = 0;
    std::string name;
    bool idLayout = true;
    for (const auto& line : lines) idLayout = idLayout && splitIdLine(line, id, name);
    if (!idLayout) return LabelMap(std::move(lines));

    std::vector<std::string> names;
    for (const auto& line : lines) {
        splitIdLine(line, id, name);
        if (id >= static_cast<int>(names.size())) names.resize(static_cast<std::size_t>(id) + 1);
        if (!names[static_cast<std::size_t>(id)].empty())
            throw ModelLoadError("labels file " + file.string() + ": id " + std::to_string(id) +
                                 " appears twice");
        names[static_cast<std::size_t>(id)] = name;
    }
    return LabelMap(std::move(names));
}

bool LabelMap::has(int id) const {
    return id >= 0 && id < idCount() && !m_names[static_cast<std::size_t>(id)].empty();
}

std::string LabelMap::name(int id) const {
    return has(id) ? m_names[static_cast<std::size_t>(id)] : "class " + std::to_string(id);
}

std::vector<int> LabelMap::ids() const {
    std::vector<int> out;
    for (int id = 0; id < idCount(); ++id)
        if (has(id)) out.push_back(id);
    return out;
}

}  // namespace livedetect
