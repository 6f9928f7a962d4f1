#pragma once
// The keyboard and mouse help (F1 or ?): every shortcut the viewer has, in the UI language.
// The table below is the single list; docs/user-guide.md repeats it for readers.
#include <span>

namespace pt::viewer {

struct Shortcut {
    const char* keys;
    const char* keysZh;  // the same keys in Chinese words (mouse actions)
    const char* en;
    const char* zh;
};

// Every shortcut, in the order the help shows them.
std::span<const Shortcut> shortcuts();

// Draws the help window centred on the screen while *open; its close button clears *open.
void drawHelpOverlay(bool chinese, bool* open);

}  // namespace pt::viewer
