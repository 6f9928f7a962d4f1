#pragma once
// The GLFW side of kiosk mode (viewer/kiosk.h holds the pure logic): the monitor list, the
// borderless window placed on one monitor or spanning all (and re-placed when monitors come and
// go), operator-input detection for the idle timers, the exit chord, and the idle cursor.
// Main thread only (GLFW's rule).
#include <string>
#include <vector>

#include "viewer/cli.h"
#include "viewer/kiosk.h"

struct GLFWwindow;

namespace pt::viewer {

std::vector<MonitorInfo> listMonitors();
WindowPlacement placementOf(const Options& options);

// Creates the main window: decorated at --size, or borderless over the chosen monitor(s).
// Prints the monitor list for fullscreen/span so an installer can pick --monitor N.
GLFWwindow* createViewerWindow(const Options& options);

// Keeps a fullscreen/span window covering its monitor(s) when monitors are connected or
// disconnected (a wall must survive a display being power-cycled). Call once after creation.
void watchMonitors(GLFWwindow* window, const Options& options);

// Per-frame kiosk input: whether the operator did anything since the last call (mouse moved,
// a button or key down, wheel), whether the exit chord is held, and the idle cursor.
class KioskInput {
public:
    KioskInput(GLFWwindow* window, KeyChord exitChord);
    // `scrolled`: the wheel moved this frame (the app collects wheel events itself).
    bool operatorInput(bool scrolled);
    bool exitChordDown() const;
    void setCursorHidden(bool hidden);

private:
    GLFWwindow* m_window;
    KeyChord m_chord;
    double m_x = 0, m_y = 0;
    bool m_cursorHidden = false;
};

}  // namespace pt::viewer
