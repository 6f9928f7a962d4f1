#pragma once
// Synthetic keyboard and mouse input for windowed tests, through the X server's XTest extension
// (the same path a real keyboard takes), so kiosk chords, idle timers and shortcuts are tested
// in the real program. Needs DISPLAY (the tests run under xvfb-run).
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include <chrono>
#include <initializer_list>
#include <thread>

namespace pt::test {

class XInput {
public:
    // `display`: e.g. ":99"; null for $DISPLAY.
    explicit XInput(const char* display = nullptr) : m_display(XOpenDisplay(display)) {}
    ~XInput() {
        if (m_display) XCloseDisplay(m_display);
    }
    XInput(const XInput&) = delete;
    XInput& operator=(const XInput&) = delete;
    bool ok() const { return m_display != nullptr; }

    // Presses the keys in order, holds them 600 ms (longer than a lavapipe frame, so the viewer
    // polls them down at least once), then releases them in reverse order.
    void chord(std::initializer_list<KeySym> keys) {
        for (KeySym k : keys)
            XTestFakeKeyEvent(m_display, XKeysymToKeycode(m_display, k), True, 0);
        XFlush(m_display);
        std::this_thread::sleep_for(std::chrono::milliseconds(holdMs));
        for (auto it = std::rbegin(keys); it != std::rend(keys); ++it)
            XTestFakeKeyEvent(m_display, XKeysymToKeycode(m_display, *it), False, 0);
        XFlush(m_display);
        // Up for as long, so the next chord of the same key is seen as a new press.
        std::this_thread::sleep_for(std::chrono::milliseconds(holdMs));
    }
    // For keys that end the program whose exit stops this X server (xvfb-run): presses them and
    // then never talks to the server again (a release sent to a stopped server would make Xlib
    // exit the test). The connection is left to the process's exit.
    void pressAndLetGo(std::initializer_list<KeySym> keys) {
        for (KeySym k : keys)
            XTestFakeKeyEvent(m_display, XKeysymToKeycode(m_display, k), True, 0);
        XFlush(m_display);
        m_display = nullptr;
    }
    void moveMouse(int x, int y) {
        XTestFakeMotionEvent(m_display, -1, x, y, 0);
        XFlush(m_display);
    }

    int holdMs = 600;

private:
    Display* m_display;
};

}  // namespace pt::test
