#include "viewer/kiosk.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>  // key codes only: no GLFW function is called here

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace pt::viewer {
namespace {

struct NamedKey {
    std::string_view name;
    int key;
};

constexpr std::array kNamedKeys = {
    NamedKey{"escape", GLFW_KEY_ESCAPE},       NamedKey{"space", GLFW_KEY_SPACE},
    NamedKey{"enter", GLFW_KEY_ENTER},         NamedKey{"tab", GLFW_KEY_TAB},
    NamedKey{"backspace", GLFW_KEY_BACKSPACE}, NamedKey{"delete", GLFW_KEY_DELETE},
    NamedKey{"home", GLFW_KEY_HOME},           NamedKey{"end", GLFW_KEY_END},
    NamedKey{"pause", GLFW_KEY_PAUSE},
};

std::string lower(std::string_view text) {
    std::string s(text);
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

int keyFromName(const std::string& name) {
    if (name.size() == 1 && name[0] >= 'a' && name[0] <= 'z') return GLFW_KEY_A + (name[0] - 'a');
    if (name.size() == 1 && name[0] >= '0' && name[0] <= '9') return GLFW_KEY_0 + (name[0] - '0');
    if (name.size() >= 2 && name[0] == 'f') {
        const std::string digits = name.substr(1);
        if (std::all_of(digits.begin(), digits.end(), ::isdigit) && digits.size() <= 2) {
            const int n = std::stoi(digits);
            if (n >= 1 && n <= 12) return GLFW_KEY_F1 + (n - 1);
        }
    }
    for (const NamedKey& k : kNamedKeys)
        if (k.name == name) return k.key;
    return 0;
}

std::string keyName(int key) {
    if (key >= GLFW_KEY_A && key <= GLFW_KEY_Z)
        return std::string(1, char('a' + (key - GLFW_KEY_A)));
    if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9)
        return std::string(1, char('0' + (key - GLFW_KEY_0)));
    if (key >= GLFW_KEY_F1 && key <= GLFW_KEY_F12)
        return "f" + std::to_string(key - GLFW_KEY_F1 + 1);
    for (const NamedKey& k : kNamedKeys)
        if (k.key == key) return std::string(k.name);
    return "?";
}

}  // namespace

Result<KeyChord> parseKeyChord(std::string_view text) {
    KeyChord chord;
    const std::string s = lower(text);
    size_t start = 0;
    while (start <= s.size()) {
        const size_t plus = std::min(s.find('+', start), s.size());
        const std::string part = s.substr(start, plus - start);
        start = plus + 1;
        if (part.empty()) return makeError("--exit-chord: empty key in '", text, "'");
        bool* modifier = part == "ctrl" || part == "control" ? &chord.ctrl
                         : part == "shift"                   ? &chord.shift
                         : part == "alt"                     ? &chord.alt
                         : part == "super" || part == "win"  ? &chord.super
                                                             : nullptr;
        if (modifier) {
            if (chord.key != 0)
                return makeError("--exit-chord: modifiers come before the key in '", text, "'");
            *modifier = true;
            continue;
        }
        if (chord.key != 0) return makeError("--exit-chord: more than one key in '", text, "'");
        chord.key = keyFromName(part);
        if (chord.key == 0)
            return makeError("--exit-chord: unknown key '", part, "' (letters, digits, f1-f12, ",
                             "escape, space, enter, tab, backspace, delete, home, end, pause)");
    }
    if (chord.key == 0) return makeError("--exit-chord: no key in '", text, "'");
    if (!chord.ctrl && !chord.shift && !chord.alt && !chord.super)
        return makeError("--exit-chord: '", text,
                         "' needs a modifier (ctrl, shift, alt, super), so one stray key cannot "
                         "quit a wall");
    return chord;
}

std::string toString(const KeyChord& chord) {
    std::string s;
    if (chord.ctrl) s += "ctrl+";
    if (chord.shift) s += "shift+";
    if (chord.alt) s += "alt+";
    if (chord.super) s += "super+";
    return s + keyName(chord.key);
}

Result<PlacementChoice> placeWindow(const std::vector<MonitorInfo>& monitors,
                                    WindowPlacement placement, int monitor) {
    if (monitors.empty()) return makeError("no monitor is connected");
    if (placement == WindowPlacement::Span) {
        int x0 = monitors[0].area.x, y0 = monitors[0].area.y;
        int x1 = x0 + monitors[0].area.width, y1 = y0 + monitors[0].area.height;
        for (const MonitorInfo& m : monitors) {
            x0 = std::min(x0, m.area.x);
            y0 = std::min(y0, m.area.y);
            x1 = std::max(x1, m.area.x + m.area.width);
            y1 = std::max(y1, m.area.y + m.area.height);
        }
        return PlacementChoice{{x0, y0, x1 - x0, y1 - y0}, -1, {}};
    }
    PlacementChoice choice;
    choice.monitor = monitor < 0 ? 0 : monitor;
    if (choice.monitor >= int(monitors.size())) {
        choice.note = strCat("monitor ", monitor, " is not connected (", monitors.size(),
                             " found); using the primary, ", monitors[0].name);
        choice.monitor = 0;
    }
    choice.rect = monitors[size_t(choice.monitor)].area;
    return choice;
}

void IdleTracker::input(double now) {
    m_lastInput = now;
    if (m_attracting) m_inputSinceAttract = true;
}

IdleTracker::AttractChange IdleTracker::update(double now) {
    if (m_attracting) {
        if (!m_inputSinceAttract) return AttractChange::None;
        m_attracting = false;
        m_inputSinceAttract = false;
        return AttractChange::Stop;
    }
    if (m_settings.attractAfterSeconds > 0 && idleSeconds(now) >= m_settings.attractAfterSeconds) {
        m_attracting = true;
        return AttractChange::Start;
    }
    return AttractChange::None;
}

bool IdleTracker::cursorHidden(double now) const {
    return m_settings.cursorHideSeconds > 0 && idleSeconds(now) >= m_settings.cursorHideSeconds;
}

}  // namespace pt::viewer
