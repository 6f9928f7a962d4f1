// The App's navigation: mouse orbit/pan/zoom and picking, the keyboard shortcuts, first-person
// walk on a floor, free fly mode, flights to an entity, the plan view of a floor, and the camera
// of the current frame that comes out of all of them.
#include "viewer/app_window.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace pt::viewer {

void App::handleMouse(float viewportHeight) {
    double x, y;
    glfwGetCursorPos(m_window, &x, &y);
    const float dx = float(x - m_lastX), dy = float(y - m_lastY);
    m_lastX = x;
    m_lastY = y;
    m_input.clicked = false;
    const bool uiWants = ImGui::GetIO().WantCaptureMouse;
    m_input.doubleClicked = !uiWants && ImGui::GetIO().MouseDoubleClicked[0];
    const bool left = glfwGetMouseButton(m_window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
    if (left && !m_input.leftDown && !uiWants) {
        m_input.leftDown = true;
        m_input.dragged = false;
        m_input.downX = x;
        m_input.downY = y;
    } else if (!left && m_input.leftDown) {
        m_input.leftDown = false;
        m_input.clicked = !m_input.dragged;
    }
    if (m_input.leftDown && std::abs(x - m_input.downX) + std::abs(y - m_input.downY) > 4)
        m_input.dragged = true;
    if (uiWants) {
        m_input.scroll = 0;
        return;
    }
    if (m_walk) {
        stepWalk(std::min(m_frameSeconds, 0.1f), dx, dy);
        m_input.scroll = 0;
        return;
    }
    if (m_fly) stepFlyMode(std::min(m_frameSeconds, 0.25f), dx, dy);
    if (m_input.leftDown && m_input.dragged && !m_fly) m_orbit.orbit(dx, dy);
    if (glfwGetMouseButton(m_window, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS ||
        glfwGetMouseButton(m_window, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS)
        m_orbit.pan(dx, dy, viewportHeight, m_lens.fovYDegrees);
    if (m_input.scroll != 0) m_orbit.zoom(float(m_input.scroll));
    m_input.scroll = 0;
    // Ask for the entity under the cursor; the answer arrives when this frame's slot returns.
    int fbw, fbh, ww, wh;
    glfwGetFramebufferSize(m_window, &fbw, &fbh);
    glfwGetWindowSize(m_window, &ww, &wh);
    if (x >= 0 && y >= 0 && x < ww && y < wh)
        m_renderer.requestPick(
            {uint32_t(x * fbw / std::max(ww, 1)), uint32_t(y * fbh / std::max(wh, 1))});
}

void App::handleKeys(float aspect) {
    if (ImGui::GetIO().WantCaptureKeyboard) return;
    if (ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        m_inspect.selected = park::kNoEntity;
        m_inspect.mode = twin::FloorMode::None;
        m_planClip.reset();
        m_lens.orthographic = false;
    }
    static constexpr twin::FloorMode kModes[] = {
        twin::FloorMode::None,    twin::FloorMode::Isolate, twin::FloorMode::Ghost,
        twin::FloorMode::Cutaway, twin::FloorMode::Explode, twin::FloorMode::Section};
    for (int k = 0; k < 6; ++k)
        if (keyPressed(GLFW_KEY_0 + k)) {
            m_inspect.mode = kModes[k];
            m_explodeStart = Clock::now();
        }
    if (keyPressed(GLFW_KEY_F)) flyTo(m_inspect.selected, aspect);
    if (keyPressed(GLFW_KEY_T) && m_tourFile) {
        if (m_tour.playing()) {
            m_tour.stop();
        } else {
            m_tour.start(*m_tourFile);
        }
    }
    if (keyPressed(GLFW_KEY_P)) togglePlan(aspect);
    if (keyPressed(GLFW_KEY_B))
        m_commands.push(BookmarkCommand{"save", "view " + std::to_string(m_bookmarks.size() + 1)});
    if (keyPressed(GLFW_KEY_G) && m_bookmarks.size() > 0) {
        // G cycles through the saved views.
        m_nextBookmark %= m_bookmarks.size();
        m_commands.push(BookmarkCommand{"go", m_bookmarks.all()[m_nextBookmark++].name});
    }
    if (keyPressed(GLFW_KEY_V)) toggleWalk();
    if (keyPressed(GLFW_KEY_C)) toggleFly();
    if (keyPressed(GLFW_KEY_L)) m_commands.push(LanguageCommand{m_language == "zh" ? "en" : "zh"});
    if (keyPressed(GLFW_KEY_H)) m_panelsShown = !m_panelsShown;
    // F1, or ? (Shift + /) on a US layout.
    const bool shift = glfwGetKey(m_window, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS ||
                       glfwGetKey(m_window, GLFW_KEY_RIGHT_SHIFT) == GLFW_PRESS;
    if (keyPressed(GLFW_KEY_F1) | (keyPressed(GLFW_KEY_SLASH) && shift)) m_showHelp = !m_showHelp;
    if (keyPressed(GLFW_KEY_R)) m_recorder.open() = !m_recorder.open();
    if (keyPressed(GLFW_KEY_K) && m_recorder.open())
        m_recorder.addKeyframe(recorderSnapshot(m_orbit.camera(m_lens)));
    if (keyPressed(GLFW_KEY_F5)) m_commands.push(PresentationCommand{!m_presentation});
}

bool App::keyPressed(int key) {
    const bool down = glfwGetKey(m_window, key) == GLFW_PRESS;
    const bool pressed = down && !m_keyDown[key];
    m_keyDown[key] = down;
    return pressed;
}

void App::toggleWalk() {
    if (m_walk) {
        m_walk.reset();
        return;
    }
    if (!m_loaded.park || m_inspect.selected == park::kNoEntity) return;
    const auto floor =
        m_loaded.park->portfolio.ancestorOfKind(m_inspect.selected, park::EntityKind::Floor);
    if (floor == park::kNoEntity) return;
    leaveFly();
    auto walkFloor = twin::buildWalkFloor(*m_loaded.park, floor);
    if (!walkFloor) return;
    m_walkFloor = std::move(*walkFloor);
    m_walk = twin::startWalk(m_walkFloor, m_walkFloor.centre);
    m_inspect.mode = twin::FloorMode::Cutaway;  // the floors above would hide the sky
}

void App::stepWalk(float dt, float dx, float dy) {
    if (!m_walk || ImGui::GetIO().WantCaptureKeyboard) return;
    const twin::WalkInput input{.forward = glfwGetKey(m_window, GLFW_KEY_W) == GLFW_PRESS,
                                .back = glfwGetKey(m_window, GLFW_KEY_S) == GLFW_PRESS,
                                .left = glfwGetKey(m_window, GLFW_KEY_A) == GLFW_PRESS,
                                .right = glfwGetKey(m_window, GLFW_KEY_D) == GLFW_PRESS,
                                .run = glfwGetKey(m_window, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS,
                                .mouseDx = m_input.leftDown ? dx : 0.0f,
                                .mouseDy = m_input.leftDown ? dy : 0.0f};
    twin::stepWalk(*m_walk, m_walkFloor, input, dt);
}

void App::toggleFly() {
    if (m_fly) return leaveFly();
    m_walk.reset();
    m_flight.reset();
    m_lens.orthographic = false;
    m_planClip.reset();
    m_fly = twin::startFly(m_orbit.camera(m_lens));
}

void App::leaveFly() {
    if (!m_fly) return;
    const render::Camera c = twin::flyCamera(*m_fly, m_lens);
    m_orbit = render::OrbitController::lookingAt(c.eye, c.target);
    m_fly.reset();
}

void App::stepFlyMode(float dt, float dx, float dy) {
    if (!m_fly || ImGui::GetIO().WantCaptureKeyboard) return;
    auto down = [&](int key) { return glfwGetKey(m_window, key) == GLFW_PRESS; };
    const twin::FlyInput input{.forward = down(GLFW_KEY_W),
                               .back = down(GLFW_KEY_S),
                               .left = down(GLFW_KEY_A),
                               .right = down(GLFW_KEY_D),
                               .up = down(GLFW_KEY_E),
                               .down = down(GLFW_KEY_Q),
                               .fast = down(GLFW_KEY_LEFT_SHIFT),
                               .mouseDx = m_input.leftDown ? dx : 0.0f,
                               .mouseDy = m_input.leftDown ? dy : 0.0f};
    twin::stepFly(*m_fly, input, dt);
}

void App::flyTo(park::EntityIndex entity, float aspect) {
    if (!m_loaded.park || entity >= m_loaded.park->entityBounds.size()) return;
    leaveFly();  // the flight starts from where fly mode was
    const render::Camera to =
        twin::frameBounds(m_orbit.camera(m_lens), m_loaded.park->entityBounds[entity], aspect);
    m_flight = twin::CameraFlight::between(m_orbit.camera(m_lens), to);
    m_flightStart = Clock::now();
}

void App::togglePlan(float aspect) {
    if (m_lens.orthographic) {
        m_lens.orthographic = false;
        m_planClip.reset();
        return;
    }
    if (!m_loaded.park || m_inspect.selected == park::kNoEntity) return;
    const auto floor =
        m_loaded.park->portfolio.ancestorOfKind(m_inspect.selected, park::EntityKind::Floor);
    if (floor == park::kNoEntity) return;
    const twin::PlanView plan = twin::planView(*m_loaded.park, floor, aspect);
    m_lens = plan.camera;
    m_planClip = plan.clipPlane;
    m_orbit = render::OrbitController::lookingAt(plan.camera.eye, plan.camera.target);
}

render::Camera App::currentCamera(Clock::time_point now) {
    if (m_walk) return twin::walkCamera(*m_walk, m_lens);
    if (m_fly) return twin::flyCamera(*m_fly, m_lens);
    if (!m_flight) return m_orbit.camera(m_lens);
    const float t = std::chrono::duration<float>(now - m_flightStart).count();
    const render::Camera camera = m_flight->at(t);
    if (m_flight->finished(t)) {
        m_orbit = render::OrbitController::lookingAt(camera.eye, camera.target);
        m_flight.reset();
    }
    return camera;
}

}  // namespace pt::viewer
