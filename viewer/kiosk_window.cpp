#include "viewer/kiosk_window.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "core/log.h"

namespace pt::viewer {
namespace {

// The window and its options for the monitor callback (GLFW's callback has no user pointer).
GLFWwindow* g_watchedWindow = nullptr;
Options g_watchedOptions;

void place(GLFWwindow* window, const Options& options) {
    auto choice = placeWindow(listMonitors(), placementOf(options), options.monitor);
    if (!choice) {
        log::warn("kiosk: ", choice.error().message, "; the window stays where it is");
        return;
    }
    if (!choice->note.empty()) log::warn("kiosk: ", choice->note);
    const ScreenRect& r = choice->rect;
    glfwSetWindowPos(window, r.x, r.y);
    glfwSetWindowSize(window, r.width, r.height);
}

void onMonitorChanged(GLFWmonitor*, int event) {
    if (!g_watchedWindow) return;
    log::info("kiosk: a monitor was ", event == GLFW_CONNECTED ? "connected" : "disconnected",
              "; placing the window again");
    place(g_watchedWindow, g_watchedOptions);
}

}  // namespace

std::vector<MonitorInfo> listMonitors() {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    std::vector<MonitorInfo> list;
    for (int i = 0; i < count; ++i) {
        MonitorInfo info;
        const char* name = glfwGetMonitorName(monitors[i]);
        info.name = name ? name : "monitor";
        glfwGetMonitorPos(monitors[i], &info.area.x, &info.area.y);
        if (const GLFWvidmode* mode = glfwGetVideoMode(monitors[i])) {
            info.area.width = mode->width;
            info.area.height = mode->height;
        }
        list.push_back(std::move(info));
    }
    return list;
}

WindowPlacement placementOf(const Options& options) {
    if (options.span) return WindowPlacement::Span;
    if (options.fullscreen) return WindowPlacement::Fullscreen;
    return WindowPlacement::Windowed;
}

GLFWwindow* createViewerWindow(const Options& options) {
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    const WindowPlacement placement = placementOf(options);
    if (placement == WindowPlacement::Windowed)
        return glfwCreateWindow(int(options.width), int(options.height), "ParkTwin", nullptr,
                                nullptr);
    const std::vector<MonitorInfo> monitors = listMonitors();
    for (size_t i = 0; i < monitors.size(); ++i) {
        const ScreenRect& a = monitors[i].area;
        std::printf("parktwin: monitor %zu: %s, %dx%d at %d,%d\n", i, monitors[i].name.c_str(),
                    a.width, a.height, a.x, a.y);
    }
    auto choice = placeWindow(monitors, placement, options.monitor);
    if (!choice) {
        std::fprintf(stderr, "parktwin: %s\n", choice.error().message.c_str());
        return nullptr;
    }
    if (!choice->note.empty()) log::warn("kiosk: ", choice->note);
    // Borderless windowed rather than exclusive fullscreen: no video-mode switch, instant
    // alt-tab for a technician, and it can span monitors.
    glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
    glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
    const ScreenRect& r = choice->rect;
    GLFWwindow* window = glfwCreateWindow(r.width, r.height, "ParkTwin", nullptr, nullptr);
    if (window) glfwSetWindowPos(window, r.x, r.y);
    std::printf("parktwin: %s window %dx%d at %d,%d\n",
                placement == WindowPlacement::Span ? "spanning" : "fullscreen", r.width, r.height,
                r.x, r.y);
    return window;
}

void watchMonitors(GLFWwindow* window, const Options& options) {
    if (placementOf(options) == WindowPlacement::Windowed) return;
    g_watchedWindow = window;
    g_watchedOptions = options;
    glfwSetMonitorCallback(onMonitorChanged);
}

KioskInput::KioskInput(GLFWwindow* window, KeyChord exitChord)
    : m_window(window), m_chord(exitChord) {
    glfwGetCursorPos(window, &m_x, &m_y);
}

bool KioskInput::operatorInput(bool scrolled) {
    double x, y;
    glfwGetCursorPos(m_window, &x, &y);
    bool input = scrolled || std::abs(x - m_x) + std::abs(y - m_y) > 2.0;
    m_x = x;
    m_y = y;
    for (int button = 0; button <= GLFW_MOUSE_BUTTON_LAST && !input; ++button)
        input = glfwGetMouseButton(m_window, button) == GLFW_PRESS;
    const ImGuiIO& io = ImGui::GetIO();
    for (bool down : io.KeysDown)
        input = input || down;
    return input;
}

bool KioskInput::exitChordDown() const {
    auto down = [&](int left, int right) {
        return glfwGetKey(m_window, left) == GLFW_PRESS ||
               glfwGetKey(m_window, right) == GLFW_PRESS;
    };
    return glfwGetKey(m_window, m_chord.key) == GLFW_PRESS &&
           m_chord.ctrl == down(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL) &&
           m_chord.shift == down(GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT) &&
           m_chord.alt == down(GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT) &&
           m_chord.super == down(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER);
}

void KioskInput::setCursorHidden(bool hidden) {
    if (hidden == m_cursorHidden) return;
    m_cursorHidden = hidden;
    glfwSetInputMode(m_window, GLFW_CURSOR, hidden ? GLFW_CURSOR_HIDDEN : GLFW_CURSOR_NORMAL);
}

}  // namespace pt::viewer
