#pragma once
// What every panel's draw() gets: the session to read and command, the DPI scale, and the
// item locator. UI thread only.
#include <map>
#include <optional>
#include <string>

namespace livedetect::ui {

class Session;

// Remembers where named widgets were drawn last frame, so tests can move the synthetic
// mouse onto a real widget (the same code path as a user's click). Panels call mark()
// right after the widget; it costs a map insert and only runs when enabled.
class ItemLocator {
public:
    struct Rect {
        float x0, y0, x1, y1;
        float cx() const { return (x0 + x1) * 0.5f; }
        float cy() const { return (y0 + y1) * 0.5f; }
    };
    void enable(bool on) { m_enabled = on; }
    void mark(const std::string& id);  // the last ImGui item's frame (label excluded)
    std::optional<Rect> find(const std::string& id) const;
    void clear() { m_items.clear(); }

private:
    bool m_enabled = false;
    std::map<std::string, Rect> m_items;
};

struct PanelContext {
    Session& session;
    ItemLocator& locator;
    float scale = 1.f;  // DPI content scale
};

}  // namespace livedetect::ui
