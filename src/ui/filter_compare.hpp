#pragma once
// FilterSettings::operator== is defaulted, but ClassOverride has none, so it is deleted and
// cannot be used; the UI compares filters with this until ClassOverride gets one.
#include "livedetect/detect/filter.hpp"

namespace livedetect::ui {

inline bool sameFilter(const FilterSettings& a, const FilterSettings& b) {
    if (a.confidence != b.confidence || a.nmsIou != b.nmsIou || a.classAgnostic != b.classAgnostic ||
        a.maxDetections != b.maxDetections || a.classes.size() != b.classes.size())
        return false;
    for (auto i = a.classes.begin(), j = b.classes.begin(); i != a.classes.end(); ++i, ++j)
        if (i->first != j->first || i->second.enabled != j->second.enabled || i->second.threshold != j->second.threshold)
            return false;
    return true;
}

}  // namespace livedetect::ui
