#pragma once
// Kiosk behaviour for control-room walls and exhibition stands, as pure logic the app drives once
// per frame (no GLFW calls here, so it is unit-tested): where the borderless window goes
// (one monitor or spanning all), the exit key chord, and the idle timers that hide the cursor and
// start the attract tour. Times are seconds on any monotonic clock the caller chooses.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace pt::viewer {

// A key combination such as "ctrl+shift+q". Keys are GLFW key codes (letters, digits, F1-F12,
// escape, space, enter, tab, backspace, delete, home, end, pause).
struct KeyChord {
    bool ctrl = false;
    bool shift = false;
    bool alt = false;
    bool super = false;
    int key = 0;
    bool operator==(const KeyChord&) const = default;
};

// Case-insensitive, '+'-separated, modifiers first, exactly one key; at least one modifier, so a
// single stray key press on a wall never quits. "--exit-chord: 'q' needs a modifier ...".
Result<KeyChord> parseKeyChord(std::string_view text);
std::string toString(const KeyChord& chord);

struct ScreenRect {
    int x = 0, y = 0, width = 0, height = 0;
    bool operator==(const ScreenRect&) const = default;
};

struct MonitorInfo {
    std::string name;
    ScreenRect area;  // position in the virtual desktop and current video mode size
};

enum class WindowPlacement { Windowed, Fullscreen, Span };

// The window rectangle for a placement: one monitor's area (`monitor` < 0: the first, which GLFW
// lists as the primary) or the bounding box of all monitors. A monitor index past the list falls
// back to the primary with a warning in `note` (a wall must come up even if a cable moved).
// Fails only when there is no monitor at all.
struct PlacementChoice {
    ScreenRect rect;
    int monitor = 0;  // the monitor used (-1 for span)
    std::string note;
};
Result<PlacementChoice> placeWindow(const std::vector<MonitorInfo>& monitors,
                                    WindowPlacement placement, int monitor);

// Idle timers. input() marks operator activity; the app asks whether the cursor should be hidden
// and whether the attract tour should start. The attract loop starts once per idle stretch and
// asks to stop on the next input.
class IdleTracker {
public:
    struct Settings {
        double cursorHideSeconds = 3.0;  // <= 0: never hide
        double attractAfterSeconds = 0;  // <= 0: no attract loop
    };
    enum class AttractChange { None, Start, Stop };

    IdleTracker(Settings settings, double now) : m_settings(settings), m_lastInput(now) {}
    void input(double now);
    // Call once per frame; Start when idle long enough (once), Stop on the first frame after
    // input while attracting.
    AttractChange update(double now);
    bool cursorHidden(double now) const;
    bool attracting() const { return m_attracting; }
    double idleSeconds(double now) const { return now - m_lastInput; }

private:
    Settings m_settings;
    double m_lastInput;
    bool m_attracting = false;
    bool m_inputSinceAttract = false;
};

}  // namespace pt::viewer
