#pragma once
// The keyboard shortcuts and a one-line how-to per job, in a modal popup (F1, H or "?").
namespace livedetect::ui {

class HelpPopup {
public:
    void open() { m_openRequested = true; }
    void draw();
    bool isOpen() const { return m_isOpen; }

private:
    bool m_openRequested = false;
    bool m_isOpen = false;
};

}  // namespace livedetect::ui
