#pragma once
// Class labels of a model. Two file layouts are accepted:
//   "ID  name" lines (the COCO labels of the default model: ids 0..89 with gaps), or
//   one name per line (line number = id), as the VOC and face label files.
#include <filesystem>
#include <string>
#include <vector>

namespace livedetect {

class LabelMap {
public:
    LabelMap() = default;
    explicit LabelMap(std::vector<std::string> namesById) : m_names(std::move(namesById)) {}

    // Throws ModelLoadError naming the file when it cannot be read or parsed.
    static LabelMap load(const std::filesystem::path& file);

    // "class 42" for ids without a name, so nothing is ever shown blank.
    std::string name(int id) const;
    bool has(int id) const;
    // One past the largest id (ids may have gaps).
    int idCount() const { return static_cast<int>(m_names.size()); }
    // Ids that have a name, in increasing order.
    std::vector<int> ids() const;

private:
    std::vector<std::string> m_names;  // index = id; empty = no name
};

}  // namespace livedetect
