#include "viewer/app.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <memory>
#include <mutex>

#include "core/image_io.h"
#include "core/log.h"
#include "core/process_stats.h"
#include "render/render_context.h"
#include "render/renderer.h"
#include "render/swapchain_target.h"
#include "render/time_of_day.h"
#include "twin/bookmarks.h"
#include "twin/camera_animation.h"
#include "twin/fly_navigation.h"
#include "twin/kpi.h"
#include "twin/live_data.h"
#include "twin/walk_navigation.h"
#include "viewer/command.h"
#include "viewer/data_panels.h"
#include "viewer/help_overlay.h"
#include "viewer/imgui_renderer.h"
#include "viewer/kiosk_window.h"
#include "viewer/labels_overlay.h"
#include "viewer/live_state.h"
#include "viewer/portfolio_panel.h"
#include "viewer/presentation_overlay.h"
#include "viewer/remote_api.h"
#include "viewer/scene_source.h"
#include "viewer/section_panel.h"
#include "viewer/selection_panel.h"
#include "viewer/service_panels.h"
#include "viewer/service_render.h"
#include "viewer/tour.h"
#include "viewer/tour_recorder_panel.h"
#include "viewer/ui_fonts.h"
#include "viewer/ui_overlay.h"
#include "viewer/view_setup.h"
#include "viewer/wall_sync.h"

namespace pt::viewer {
namespace {

using Clock = std::chrono::steady_clock;
constexpr float kUiFontPixels = 17.0f;

// Where tours are found by name and where the recorder saves: --tours-dir or the shipped ones.
std::filesystem::path toursDir(const Options& options) {
    return std::filesystem::path(options.toursDir.empty() ? PT_TOURS_DIR : options.toursDir);
}

// Mouse state gathered from GLFW callbacks and polling, consumed once per frame.
struct InputState {
    double scroll = 0;
    bool leftDown = false;
    bool dragged = false;  // the left button moved far enough since it went down to be a drag
    double downX = 0, downY = 0;
    bool clicked = false;        // a left click (press and release without dragging) this frame
    bool doubleClicked = false;  // a left double-click on the 3D view this frame
};

void onScroll(GLFWwindow* window, double, double dy) {
    static_cast<InputState*>(glfwGetWindowUserPointer(window))->scroll += dy;
}

// Drives the window through resizes and a minimise/restore, one step every few frames, so tests
// cover swapchain rebuilds.
void exerciseWindow(GLFWwindow* window, uint32_t frame) {
    switch (frame) {
        case 2:
            glfwSetWindowSize(window, 640, 360);
            break;
        case 4:
            glfwIconifyWindow(window);
            break;
        case 6:
            glfwRestoreWindow(window);
            break;
        case 8:
            glfwSetWindowSize(window, 900, 600);
            break;
        default:
            break;
    }
}

// The windowed application: owns the scene, renderer, UI and live data for one window.
// Members are declared in creation order; the destructor runs in reverse, before the context.
class App {
public:
    App(const Options& options, GLFWwindow* window, render::RenderContext& rc)
        : m_options(options),
          m_window(window),
          m_rc(rc),
          m_target(*rc.device, window, rc.surface, options.vsync),
          m_scene(*rc.device),
          m_loadingScene(*rc.device),
          m_renderer(*rc.device, {.samples = VkSampleCountFlagBits(options.samples ? options.samples
                                                                   : rc.device->isCpu() ? 1u
                                                                                        : 4u)}),
          m_ui(*rc.device, VK_FORMAT_B8G8R8A8_SRGB),
          m_kioskInput(window, *parseKeyChord(options.exitChord)),
          m_idle({.cursorHideSeconds = options.cursorHideSeconds,
                  .attractAfterSeconds = options.attractAfterMinutes * 60.0},
                 0.0),
          m_presentation(options.presentation),
          m_recorder(toursDir(options)) {
        m_renderer.setIdReadback(true);  // label occlusion
        glfwSetWindowUserPointer(window, &m_input);
        m_language = options.language;
        m_panelsShown = options.panels;
        glfwGetCursorPos(window, &m_lastX, &m_lastY);
    }

    // Loads the scene while drawing a progress view; false (with a message) if it fails.
    bool load() {
        auto loaded = loadScene(m_options.scene, m_scene,
                                [&](const twin::LoadProgress& p) { drawLoading(p); });
        if (!loaded) {
            std::fprintf(stderr, "parktwin: %s\n", loaded.error().message.c_str());
            return false;
        }
        m_loaded = std::move(*loaded);
        // Video wall: this window's tile and the leader/follower sync (viewer/wall_sync.h).
        auto wall = VideoWall::start(m_options);
        if (!wall) {
            std::fprintf(stderr, "parktwin: %s\n", wall.error().message.c_str());
            return false;
        }
        m_wall = std::move(*wall);
        int fbw = 1, fbh = 1;
        glfwGetFramebufferSize(m_window, &fbw, &fbh);
        auto setup = setupView(m_options, m_loaded, wallAspect(m_wall.get(), fbw, fbh));
        if (!setup) {
            std::fprintf(stderr, "parktwin: %s\n", setup.error().message.c_str());
            return false;
        }
        m_lens = setup->camera;
        m_timeOfDay = m_options.timeOfDay;
        m_lighting = setup->lighting;
        m_inspect = setup->inspection;
        m_planClip = setup->clipOverride;
        m_orbit = render::OrbitController::lookingAt(m_lens.eye, m_lens.target);
        if (m_loaded.park) m_services = twin::ServiceScene::create(*m_loaded.park, m_scene);
        m_baseInstances = m_scene.instances();
        m_orbit.maxDistance = std::max(5000.0f, glm::length(m_lens.eye - m_lens.target) * 4.0f);
        if (m_loaded.park) {
            m_states.assign(m_loaded.park->portfolio.entities().size(), {});
            if (m_options.data != "none") {
                twin::LiveDataOptions liveOptions = liveOptionsFor(m_options, nullptr);
                liveOptions.history.fineDepth = m_options.historySamples;
                liveOptions.history.coarseDepth =
                    size_t(std::max(1l, std::lround(m_options.historyHours * 60.0)));
                auto live = twin::LiveData::create(m_loaded.park->portfolio, liveOptions);
                if (!live) {
                    std::fprintf(stderr, "parktwin: %s\n", live.error().message.c_str());
                    return false;
                }
                m_live = std::move(*live);
            }
            for (const std::string& w : m_loaded.park->warnings)
                log::warn(w);
            // Glyphs for every name in the park (tenants use characters beyond the common set).
            std::string names;
            const park::Portfolio& p = m_loaded.park->portfolio;
            for (const park::Entity& e : p.entities())
                names += e.name;
            for (park::EntityIndex u : p.ofKind(park::EntityKind::Unit))
                names += p.unit(u).tenant + p.unit(u).industry;
            loadUiFonts(kUiFontPixels, names);
            m_ui.rebuildFontAtlas();
            if (const std::string missing = missingUiGlyphs(names); !missing.empty())
                log::warn("the UI font has no glyph for: ", missing, " (shown as '?')");
        }
        if (!m_options.tour.empty()) {
            auto tour = loadTour(resolveTourPath(m_options.tour, toursDir(m_options)));
            if (!tour) {
                std::fprintf(stderr, "parktwin: %s\n", tour.error().message.c_str());
                return false;
            }
            m_tourFile = *tour;
            m_tour.start(*tour);
        }
        if (m_options.walk) {
            toggleWalk();
            if (!m_walk) {
                std::fprintf(stderr, "parktwin: --walk needs --select with a floor or unit\n");
                return false;
            }
        }
        if (auto bookmarks = twin::loadBookmarks(m_options.bookmarks)) {
            m_bookmarks = std::move(*bookmarks);
        } else {
            log::warn(bookmarks.error().message);  // a broken file must not stop the viewer
        }
        publishState(
            m_orbit.camera(m_lens));  // the API never serves a state without a frame's fields
        return startApi();
    }

    bool startApi() {
        if (m_options.api.empty()) return true;
        RemoteApiOptions api;
        const size_t colon = m_options.api.rfind(':');
        api.host = m_options.api.substr(0, colon);
        api.port = std::atoi(m_options.api.c_str() + colon + 1);
        auto token = loadToken(m_options.apiTokenFile);
        if (!token) {
            std::fprintf(stderr, "parktwin: --api: %s\n", token.error().message.c_str());
            return false;
        }
        api.token = *token;
        auto started = RemoteApi::start(
            api, m_commands, [this] { return stateSnapshot(); },
            [this](std::chrono::milliseconds timeout) { return requestScreenshot(timeout); });
        if (!started) {
            std::fprintf(stderr, "parktwin: --api: %s\n", started.error().message.c_str());
            return false;
        }
        m_api = std::move(*started);
        std::printf("parktwin: remote API on http://%s:%d/api/v1\n", api.host.c_str(),
                    m_api->port());
        std::fflush(stdout);
        return true;
    }

    // Server threads read the last published snapshot (the frame writes it under the mutex).
    nlohmann::json stateSnapshot() {
        std::lock_guard lock(m_stateMutex);
        return m_state;
    }

    void publishState(const render::Camera& camera) {
        nlohmann::json s;
        const park::Portfolio* p = m_loaded.park ? &m_loaded.park->portfolio : nullptr;
        s["scene"] = m_loaded.title;
        s["selected"] =
            p && m_inspect.selected < p->entities().size() ? p->entity(m_inspect.selected).id : "";
        s["floorMode"] = std::string(twin::toString(m_inspect.mode));
        s["layer"] = m_live ? m_live->layer() : "";
        s["language"] = m_language;
        s["ui"] = {{"panels", m_panelsShown},
                   {"help", m_showHelp},
                   {"navigation", m_walk  ? "walk"
                                  : m_fly ? "fly"
                                          : "orbit"}};
        s["camera"] = {{"eye", {camera.eye.x, camera.eye.y, camera.eye.z}},
                       {"target", {camera.target.x, camera.target.y, camera.target.z}},
                       {"fov", camera.fovYDegrees}};
        s["tour"] = {{"playing", m_tour.playing()}, {"name", m_tourFile ? m_tourFile->name : ""}};
        s["frames"] = m_framesDrawn;
        s["data"] = m_live ? m_live->sourceStatus() : "none";
        const bool hasSelection = p && m_inspect.selected < m_states.size();
        s["live"] =
            m_live ? liveStateJson(*m_live, hasSelection ? m_inspect.selected : park::kNoEntity,
                                   hasSelection ? m_states[m_inspect.selected].flags : 0)
                   : nlohmann::json();
        s["openAlerts"] = m_live ? m_live->alerts().active().size() : 0;
        s["show"] = showState();
        std::lock_guard lock(m_stateMutex);
        m_state = std::move(s);
    }

    // Server thread: asks the render thread for the next frame as a PNG and waits for it.
    Result<std::vector<uint8_t>> requestScreenshot(std::chrono::milliseconds timeout) {
        std::future<Result<std::vector<uint8_t>>> future;
        {
            std::lock_guard lock(m_stateMutex);
            m_screenshotPromise.emplace();
            future = m_screenshotPromise->get_future();
        }
        if (future.wait_for(timeout) != std::future_status::ready) {
            std::lock_guard lock(m_stateMutex);
            m_screenshotPromise.reset();
            return makeError("no frame within ", timeout.count(), " ms");
        }
        return future.get();
    }

    int run() {
        m_lastFrame = Clock::now();
        while (!glfwWindowShouldClose(m_window)) {
            glfwPollEvents();
            int fbw = 0, fbh = 0;
            glfwGetFramebufferSize(m_window, &fbw, &fbh);
            if (fbw == 0 || fbh == 0) {  // minimised: draw nothing, sleep until an event
                glfwWaitEventsTimeout(0.1);
                continue;
            }
            drawFrame(float(fbh));
            if (m_options.exerciseWindow) {
                exerciseWindow(m_window, m_framesDrawn);
                if (m_framesDrawn == 10) m_target.recreateSurface();  // the surface-loss path
            }
            if (m_options.frames > 0 && m_framesDrawn >= m_options.frames)
                glfwSetWindowShouldClose(m_window, GLFW_TRUE);
        }
        m_rc.device->waitIdle();
        if (m_options.uiStats) std::printf("parktwin: %s\n", m_uiCost.summary().c_str());
        return m_exitCode;
    }

    uint32_t swapchainBuilds() const { return m_target.rebuildCount(); }
    uint32_t surfaceRecreations() const { return m_target.surfaceRecreations(); }

private:
    void drawLoading(const twin::LoadProgress& p) {
        glfwPollEvents();
        int fbw = 0, fbh = 0;
        glfwGetFramebufferSize(m_window, &fbw, &fbh);
        if (fbw == 0 || fbh == 0) return;
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(
            ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(ImVec2(460, 0));
        ImGui::Begin("Loading", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        ImGui::Text("Loading %s", m_options.scene.c_str());
        const float fraction = p.total ? float(p.done) / float(p.total) : 0.0f;
        char overlay[64];
        std::snprintf(overlay, sizeof(overlay), "%zu / %zu", p.done, p.total);
        ImGui::ProgressBar(fraction, ImVec2(-1, 0), overlay);
        ImGui::TextDisabled("%s", p.currentFile.c_str());
        ImGui::End();
        ImGui::Render();
        gfx::FrameData& frame = m_rc.frames->beginFrame();
        if (!m_target.acquire(frame)) {
            m_rc.frames->submit(frame);
            return;
        }
        m_renderer.render(frame, m_loadingScene, render::RenderView{.camera = render::Camera{}},
                          m_target.image());
        m_ui.render(frame, ImGui::GetDrawData(), m_target.image());
        m_rc.frames->submit(frame, m_target.finish(frame));
        m_target.present(frame);
    }

    // Mouse navigation unless ImGui wants the mouse: left-drag orbits, right/middle-drag pans,
    // wheel zooms, a left click selects what is under the cursor.
    void handleMouse(float viewportHeight) {
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

    // The one place application state changes: every UI action, key, remote call and tour step
    // arrives here as a Command, once per frame. Errors (an unknown id...) are logged, not fatal.
    void applyCommands(float aspect) {
        for (const Command& command : m_commands.drain()) {
            if (auto applied = apply(command, aspect); !applied)
                log::warn("command ", commandType(command), ": ", applied.error().message);
        }
    }

    Result<park::EntityIndex> findEntity(const std::string& id) const {
        if (!m_loaded.park) return makeError("the scene has no park model");
        auto e = m_loaded.park->portfolio.findEntity(id);
        if (!e) return makeError("no entity '", id, "'");
        return *e;
    }

    Result<void> apply(const Command& command, float aspect) {
        if (auto* c = std::get_if<SelectCommand>(&command)) {
            if (c->entity.empty()) return m_inspect.selected = park::kNoEntity, Result<void>{};
            auto e = findEntity(c->entity);
            if (!e) return e.error();
            m_inspect.selected = *e;
        } else if (auto* c = std::get_if<FlyToCommand>(&command)) {
            auto e = findEntity(c->entity);
            if (!e) return e.error();
            flyTo(*e, aspect);
        } else if (auto* c = std::get_if<FloorModeCommand>(&command)) {
            auto mode = twin::parseFloorMode(c->mode);
            if (!mode) return makeError("unknown floor mode '", c->mode, "'");
            m_inspect.mode = *mode;
            m_explodeStart = Clock::now();
        } else if (auto* c = std::get_if<LayerCommand>(&command)) {
            if (!m_live) return makeError("no live data");
            const auto layers = m_live->layers();
            if (std::find(layers.begin(), layers.end(), c->layer) == layers.end())
                return makeError("unknown layer '", c->layer, "'");
            m_live->setLayer(c->layer);
        } else if (auto* c = std::get_if<LanguageCommand>(&command)) {
            m_language = c->language;
        } else if (auto* c = std::get_if<TimeCommand>(&command)) {
            if (!m_live) return makeError("no live data");
            data::TimeCursor& cursor = m_live->cursor();
            if (c->action == "live") cursor.goLive();
            if (c->action == "pause") cursor.pause();
            if (c->action == "scrub") cursor.scrubTo(c->timeMs);
            if (c->action == "play") cursor.play(c->speed);
        } else if (auto* c = std::get_if<CameraCommand>(&command)) {
            m_flight.reset();
            m_lens.orthographic = false;
            m_lens.fovYDegrees = c->fovYDegrees;
            m_orbit = render::OrbitController::lookingAt(c->eye, c->target);
        } else if (auto* c = std::get_if<TimeOfDayCommand>(&command)) {
            if (c->time.empty()) {
                m_lighting = render::Lighting{};
            } else {
                auto hours = parseTimeOfDay(c->time);
                if (!hours) return hours.error();
                m_lighting = render::lightingAt(*hours);
            }
            m_timeOfDay = c->time;
        } else {
            return applyMore(command);
        }
        return {};
    }

    // Commands served by optional parts (tours, bookmarks, alerts).
    Result<void> applyMore(const Command& command) {
        if (auto* c = std::get_if<PresentationCommand>(&command)) {
            m_presentation = c->on;
            if (!m_presentation) m_kioskInput.setCursorHidden(false);
            return {};
        }
        if (auto* c = std::get_if<AlertCommand>(&command)) {
            if (!m_live) return makeError("no live data");
            if (c->action == "ackAll") {
                m_live->alerts().acknowledgeAll();
            } else if (!m_live->alerts().acknowledge(c->id)) {
                return makeError("no active alert ", c->id);
            }
            return {};
        }
        if (auto* c = std::get_if<BookmarkCommand>(&command)) {
            if (c->action == "save") {
                twin::Bookmark b = twin::bookmarkFromCamera(c->name, m_orbit.camera(m_lens));
                if (m_loaded.park &&
                    m_inspect.selected < m_loaded.park->portfolio.entities().size())
                    b.selected = m_loaded.park->portfolio.entity(m_inspect.selected).id;
                b.floorMode = m_inspect.mode;
                m_bookmarks.put(std::move(b));
                return twin::saveBookmarks(m_options.bookmarks, m_bookmarks);
            }
            const twin::Bookmark* b = m_bookmarks.find(c->name);
            if (!b) return makeError("no bookmark '", c->name, "'");
            const render::Camera to = twin::cameraFromBookmark(*b, m_lens);
            m_flight = twin::CameraFlight::between(m_orbit.camera(m_lens), to);
            m_flightStart = Clock::now();
            m_inspect.mode = b->floorMode;
            if (b->selected) {
                if (auto e = findEntity(*b->selected)) m_inspect.selected = *e;
            }
            return {};
        }
        if (auto* c = std::get_if<TourCommand>(&command)) {
            if (c->action == "stop") return m_tour.stop(), Result<void>{};
            auto tour = loadTour(resolveTourPath(c->tour, toursDir(m_options)));
            if (!tour) return tour.error();
            m_tourFile = *tour;
            m_tour.start(*tour);
            return {};
        }
        return makeError("not available in this build (", commandType(command), ")");
    }

    // A playing tour drives the camera and fires its actions through the command queue.
    void updateTour(Clock::time_point now) {
        const float dt = std::chrono::duration<float>(now - m_lastTourUpdate).count();
        m_lastTourUpdate = now;
        if (!m_tour.playing() || m_callouts.active()) return;  // a call-out holds the tour
        const TourFrame f = m_tour.update(std::min(dt, 0.25f));
        for (const Command& c : f.firedActions)
            m_commands.push(c);
        m_commands.push(toCameraCommand(f.camera));
        m_caption = m_language == "zh" && !f.captionZh.empty() ? f.captionZh : f.caption;
    }

    void drawCaption() {
        if (!m_tour.playing() || m_caption.empty()) return;
        if (m_presentation) return drawRoomCaption(m_caption, true);
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImDrawList* draw = ImGui::GetForegroundDrawList();
        const float scale = 1.8f;  // readable from across a room
        const ImVec2 size = ImGui::CalcTextSize(m_caption.c_str());
        const ImVec2 box(size.x * scale + 48, size.y * scale + 24);
        const ImVec2 at(vp->WorkPos.x + (vp->WorkSize.x - box.x) * 0.5f,
                        vp->WorkPos.y + vp->WorkSize.y - box.y - 40);
        draw->AddRectFilled(at, ImVec2(at.x + box.x, at.y + box.y), IM_COL32(10, 16, 26, 200),
                            8.0f);
        draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, ImVec2(at.x + 24, at.y + 12),
                      IM_COL32_WHITE, m_caption.c_str());
    }

    // Keys: Esc clears the selection; 0-5 choose the floor mode (none, isolate, ghost, cutaway,
    // explode, section); F flies to the selection; P toggles the plan view of its floor.
    void handleKeys(float aspect) {
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
            m_commands.push(
                BookmarkCommand{"save", "view " + std::to_string(m_bookmarks.size() + 1)});
        if (keyPressed(GLFW_KEY_G) && m_bookmarks.size() > 0) {
            // G cycles through the saved views.
            m_nextBookmark %= m_bookmarks.size();
            m_commands.push(BookmarkCommand{"go", m_bookmarks.all()[m_nextBookmark++].name});
        }
        if (keyPressed(GLFW_KEY_V)) toggleWalk();
        if (keyPressed(GLFW_KEY_C)) toggleFly();
        if (keyPressed(GLFW_KEY_L))
            m_commands.push(LanguageCommand{m_language == "zh" ? "en" : "zh"});
        if (keyPressed(GLFW_KEY_H)) m_panelsShown = !m_panelsShown;
        // F1, or ? (Shift + /) on a US layout.
        const bool shift = glfwGetKey(m_window, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS ||
                           glfwGetKey(m_window, GLFW_KEY_RIGHT_SHIFT) == GLFW_PRESS;
        if (keyPressed(GLFW_KEY_F1) | (keyPressed(GLFW_KEY_SLASH) && shift))
            m_showHelp = !m_showHelp;
        if (keyPressed(GLFW_KEY_R)) m_recorder.open() = !m_recorder.open();
        if (keyPressed(GLFW_KEY_K) && m_recorder.open())
            m_recorder.addKeyframe(recorderSnapshot(m_orbit.camera(m_lens)));
        if (keyPressed(GLFW_KEY_F5)) m_commands.push(PresentationCommand{!m_presentation});
    }

    // True once per press (ImGui 1.86 names only a few keys, so GLFW is polled directly).
    bool keyPressed(int key) {
        const bool down = glfwGetKey(m_window, key) == GLFW_PRESS;
        const bool pressed = down && !m_keyDown[key];
        m_keyDown[key] = down;
        return pressed;
    }

    // First-person walk on the selected floor: eye height above its slab, walls of the units
    // and the footprint block movement. V toggles; WASD moves (Shift runs), the mouse looks.
    void toggleWalk() {
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

    void stepWalk(float dt, float dx, float dy) {
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

    // Fly mode (C): free flight from the current view, WASD + Q/E, Shift faster, drag to look.
    // Leaving it hands the view to the orbit camera, turning about a point ahead.
    void toggleFly() {
        if (m_fly) return leaveFly();
        m_walk.reset();
        m_flight.reset();
        m_lens.orthographic = false;
        m_planClip.reset();
        m_fly = twin::startFly(m_orbit.camera(m_lens));
    }

    void leaveFly() {
        if (!m_fly) return;
        const render::Camera c = twin::flyCamera(*m_fly, m_lens);
        m_orbit = render::OrbitController::lookingAt(c.eye, c.target);
        m_fly.reset();
    }

    void stepFlyMode(float dt, float dx, float dy) {
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

    void flyTo(park::EntityIndex entity, float aspect) {
        if (!m_loaded.park || entity >= m_loaded.park->entityBounds.size()) return;
        leaveFly();  // the flight starts from where fly mode was
        const render::Camera to =
            twin::frameBounds(m_orbit.camera(m_lens), m_loaded.park->entityBounds[entity], aspect);
        m_flight = twin::CameraFlight::between(m_orbit.camera(m_lens), to);
        m_flightStart = Clock::now();
    }

    void togglePlan(float aspect) {
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

    // Live data first (rule colours), then the inspection's flags, clip plane and explode.
    std::optional<glm::vec4> updateEntityStates() {
        if (m_states.empty()) return std::nullopt;
        if (m_live) m_live->update(m_states);
        m_inspect.hovered = m_hovered;
        // Explode animates over 0.8 s from when the mode was chosen.
        const float t = std::chrono::duration<float>(Clock::now() - m_explodeStart).count() / 0.8f;
        m_inspect.explodeProgress = twin::easeInOut(std::clamp(t, 0.0f, 1.0f));
        return applyInspectionToScene(*m_loaded.park, m_inspect, m_states, m_baseInstances, m_scene,
                                      m_exploded);
    }

    void drawFrame(float viewportHeight) {
        const auto now = Clock::now();
        m_frameSeconds = std::chrono::duration<float>(now - m_lastFrame).count();
        m_overlay.addFrameTime(m_frameSeconds * 1000.0f);
        m_lastFrame = now;
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const float newFrameMs = millisecondsSince(now);
        if (m_kioskInput.operatorInput(m_input.scroll != 0)) m_idle.input(secondsSinceStart(now));
        handleMouse(viewportHeight);
        int fbw = 1, fbh = 1;
        glfwGetFramebufferSize(m_window, &fbw, &fbh);
        const float aspect = wallAspect(m_wall.get(), fbw, fbh);  // a wall: the whole picture's
        handleKeys(aspect);
        updateShow(now, aspect);
        updateTour(now);
        if (m_wall) m_wall->pushFollowerCommands(m_commands);  // after the tour: the leader wins
        applyCommands(aspect);

        gfx::FrameData& frame = m_rc.frames->beginFrame();
        if (auto pick = m_renderer.takePick(frame)) {
            m_hovered = pick->entity;
            if (m_input.clicked || m_input.doubleClicked) {
                const park::EntityIndex picked =
                    m_hovered < m_states.size() ? m_hovered : park::kNoEntity;
                // A double-click, or a second click on the selection, flies to it.
                if (picked != park::kNoEntity &&
                    (m_input.doubleClicked || picked == m_inspect.selected))
                    flyTo(picked, aspect);
                m_inspect.selected = picked;
            }
        }
        const std::optional<glm::vec4> clip = updateEntityStates();
        const render::Renderer::IdImage ids = m_renderer.idImage(frame);
        const render::Camera camera = wallCamera(m_wall.get(), currentCamera(now), fbw, fbh);
        updateServiceScene(m_services, m_live.get(), m_states, camera, m_scene);
        const auto uiStart = Clock::now();
        drawUi(now, camera, ids, {fbw, fbh}, frame);
        drawCaption();
        drawShow(now, camera);
        publishState(camera);
        if (m_wall) m_wall->publishLeaderState(camera, stateSnapshot(), m_live.get(), m_tour);
        ImGui::Render();
        float uiCpuMs = millisecondsSince(uiStart) + newFrameMs;

        if (!m_target.acquire(frame)) {
            m_rc.frames->submit(frame);  // keeps the slot's fence cycling
            return;
        }
        const bool lastFrame = m_options.frames > 0 && m_framesDrawn + 1 >= m_options.frames;
        if (lastFrame && !m_options.screenshot.empty()) m_target.captureNextFrame();
        {
            std::lock_guard lock(m_stateMutex);
            if (m_screenshotPromise) m_target.captureNextFrame();
        }
        render::RenderView view{.camera = camera,
                                .lighting = m_lighting,
                                .entities = m_states,
                                .clipPlane = m_planClip ? m_planClip : clip,
                                .hoveredEntity = m_hovered,
                                .timeSeconds = std::chrono::duration<float>(now - m_start).count()};
        if (m_wall) view.timeSeconds = wallAnimationSeconds();  // tiles pulse in step
        m_renderer.render(frame, m_scene, view, m_target.image());
        const auto recordStart = Clock::now();
        m_ui.render(frame, ImGui::GetDrawData(), m_target.image());
        uiCpuMs += millisecondsSince(recordStart);
        m_uiCost.add(uiCpuMs, frame.timer.results(), m_frameSeconds * 1000.0f);
        m_rc.frames->submit(frame, m_target.finish(frame));
        m_target.present(frame);
        ++m_framesDrawn;
        if (m_target.captureRecorded()) deliverCapture(frame, lastFrame);
    }

    static float millisecondsSince(Clock::time_point t) {
        return std::chrono::duration<float, std::milli>(Clock::now() - t).count();
    }

    // The operator UI of this frame: status overlay, labels and badges, the panels (hidden with
    // H or --no-panels; the data panels also while a tour or the presentation plays), help.
    void drawUi(Clock::time_point now, const render::Camera& camera,
                const render::Renderer::IdImage& ids, glm::ivec2 framebuffer,
                gfx::FrameData& frame) {
        const bool zh = m_language == "zh";
        const bool chrome = m_panelsShown && !m_presentation;
        if (chrome)
            m_overlay.draw({.deviceName = m_rc.device->name(),
                            .sceneTitle = m_loaded.title,
                            .instances = m_renderer.lastStats().drawnInstances,
                            .triangles = m_renderer.lastStats().drawnTriangles,
                            .validationErrors = m_rc.instance.validation().errors.load(),
                            .validation = m_rc.instance.validationEnabled(),
                            .gpuPasses = frame.timer.results(),
                            .dataStatus = m_live ? m_live->sourceStatus() : "",
                            .chinese = zh,
                            .commands = &m_commands,
                            .showHelp = &m_showHelp,
                            .uiCpuMs = m_uiCost.recentCpuMs()});
        if (m_loaded.park) {
            int ww = 1, wh = 1;
            glfwGetWindowSize(m_window, &ww, &wh);
            drawLabels({.park = &*m_loaded.park,
                        .inspection = &m_inspect,
                        .states = m_states,
                        .live = m_live.get(),
                        .camera = camera,
                        .framebuffer = glm::vec2(framebuffer),
                        .windowScale = float(ww) / float(std::max(framebuffer.x, 1)),
                        .ids = ids,
                        .timeSeconds = std::chrono::duration<float>(now - m_start).count(),
                        .chinese = zh});
        }
        if (m_loaded.park && chrome) {
            const park::Portfolio& portfolio = m_loaded.park->portfolio;
            m_selectionPanel.draw({.portfolio = &portfolio,
                                   .selected = m_inspect.selected,
                                   .live = m_live.get(),
                                   .commands = &m_commands,
                                   .chinese = zh});
            if (!m_tour.playing() && !m_presentation) {
                m_portfolioPanel.draw({.portfolio = &portfolio,
                                       .selected = m_inspect.selected,
                                       .commands = &m_commands,
                                       .chinese = zh,
                                       .bookmarks = &m_bookmarks});
                const DataPanelContext panels{.portfolio = &portfolio,
                                              .live = m_live.get(),
                                              .scope = m_inspect.selected,
                                              .commands = &m_commands,
                                              .chinese = zh,
                                              .dataAgeSeconds = dataAgeSeconds(now)};
                drawKpiPanel(panels);
                const float layersHeight = drawLayerPanel(panels);
                drawAlertPanel(panels, m_alertFilter, layersHeight);
                drawTimeBar(panels);
                drawServicePanel(
                    {.portfolio = &portfolio,
                     .services = &m_services,
                     .selected = m_inspect.selected,
                     .commands = &m_commands,
                     .chinese = zh,
                     .openTab = isServiceView(m_options) ? m_options.view.c_str() : nullptr});
            }
        }
        drawHelpOverlay(zh, &m_showHelp);
    }

    // Seconds since the live source last delivered a sample; negative before the first one.
    double dataAgeSeconds(Clock::time_point now) {
        if (!m_live) return -1;
        if (m_live->samplesApplied() != m_samplesSeen) {
            m_samplesSeen = m_live->samplesApplied();
            m_lastDataAt = now;
        }
        if (!m_lastDataAt) return -1;
        return std::chrono::duration<double>(now - *m_lastDataAt).count();
    }

    // The orbit camera, or the animated flight while one runs (its end hands over to the orbit).
    render::Camera currentCamera(Clock::time_point now) {
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

    // A captured frame goes to the remote API's waiting request and/or to --screenshot.
    void deliverCapture(const gfx::FrameData& frame, bool lastFrame) {
        const RgbaImage shot = m_target.takeCapture(*m_rc.frames, frame);
        {
            std::lock_guard lock(m_stateMutex);
            if (m_screenshotPromise) {
                auto png = encodePng(shot);
                m_screenshotPromise->set_value(png ? Result<std::vector<uint8_t>>(std::move(*png))
                                                   : Result<std::vector<uint8_t>>(png.error()));
                m_screenshotPromise.reset();
            }
        }
        if (lastFrame && !m_options.screenshot.empty()) writeScreenshot(shot);
    }

    void writeScreenshot(const RgbaImage& shot) {
        if (auto written = writePng(m_options.screenshot, shot); !written) {
            std::fprintf(stderr, "parktwin: %s\n", written.error().message.c_str());
            m_exitCode = 2;
        } else {
            std::printf("parktwin: screenshot %ux%u -> %s\n", shot.width, shot.height,
                        m_options.screenshot.c_str());
        }
    }

    // ---------------------------------------------------------------------------------------
    // Kiosk and presentation: idle cursor, exit chord, attract loop, alert call-outs, ticker.

    double secondsSinceStart(Clock::time_point now) const {
        return std::chrono::duration<double>(now - m_start).count();
    }

    void updateShow(Clock::time_point now, float aspect) {
        const double t = secondsSinceStart(now);
        if (m_options.kiosk) {
            if (m_kioskInput.exitChordDown()) {
                log::info("kiosk: exit chord ", m_options.exitChord);
                m_kioskExit = true;
            }
            if (glfwWindowShouldClose(m_window) && !m_kioskExit) {
                glfwSetWindowShouldClose(m_window, GLFW_FALSE);  // a stray Alt-F4 on a wall
                log::warnOnce("kiosk-close", strCat("kiosk: close request ignored; quit with ",
                                                    m_options.exitChord));
            }
            if (m_kioskExit) glfwSetWindowShouldClose(m_window, GLFW_TRUE);
        }
        if (m_options.kiosk || m_presentation) m_kioskInput.setCursorHidden(m_idle.cursorHidden(t));
        switch (m_idle.update(t)) {
            case IdleTracker::AttractChange::Start:
                startAttract();
                break;
            case IdleTracker::AttractChange::Stop:
                if (m_attractPlaying) m_tour.stop();
                m_attractPlaying = false;
                break;
            case IdleTracker::AttractChange::None:
                break;
        }
        if (m_presentation && m_live) updateCallouts(now, aspect);
    }

    void startAttract() {
        const std::filesystem::path path = m_options.attractTour.empty()
                                               ? toursDir(m_options) / "investor.json"
                                               : std::filesystem::path(m_options.attractTour);
        auto tour = loadTour(path);
        if (!tour) {
            log::warnOnce("attract-tour", strCat("attract loop: ", tour.error().message));
            return;
        }
        tour->loop = true;  // an attract loop never ends by itself
        m_tourFile = *tour;
        m_tour.start(*tour);
        m_attractPlaying = true;
        log::info("attract loop: playing ", path.string(), " after ", m_options.attractAfterMinutes,
                  " idle minutes");
    }

    Callout calloutFor(const data::Alert& alert) const {
        Callout c{.alertId = alert.id, .entityId = alert.entity, .level = int(alert.level)};
        c.title = alert.entity;
        if (auto e = findEntity(alert.entity)) {  // "A3栋 智造厂房 · 12F · 1203": where it is
            const park::Portfolio& p = m_loaded.park->portfolio;
            std::vector<std::string> names;
            for (park::EntityIndex at = *e;
                 at != park::kNoEntity && p.entity(at).kind != park::EntityKind::Park;
                 at = p.entity(at).parent)
                names.insert(names.begin(), p.entity(at).name);
            c.title.clear();
            for (const std::string& n : names)
                c.title += (c.title.empty() ? "" : " · ") + n;
        }
        c.detail = alert.ruleId + ": " + alert.value;
        return c;
    }

    // New alerts are offered as call-outs; cleared or acknowledged ones are withdrawn. The
    // camera flies to the alert and back; a playing tour waits meanwhile (updateTour).
    void updateCallouts(Clock::time_point now, float aspect) {
        const data::AlertLog& alerts = m_live->alerts();
        if (alerts.revision() != m_alertRevision) {
            m_alertRevision = alerts.revision();
            for (const data::Alert& a : alerts.entries()) {
                if (!a.active() || a.acknowledged) {
                    m_callouts.withdraw(a.id);
                } else if (a.id > m_lastOfferedAlert) {
                    m_callouts.offer(calloutFor(a));
                    m_lastOfferedAlert = a.id;
                }
            }
        }
        const float fly = float(m_callouts.timing().flySeconds);
        switch (m_callouts.update(secondsSinceStart(now))) {
            case CalloutDirector::Cue::FlyToAlert:
                m_calloutReturn = m_orbit.camera(m_lens);
                m_calloutSelectionBefore = m_inspect.selected;
                if (auto e = findEntity(m_callouts.current()->entityId)) {
                    // Frame the floor around a unit (a unit alone fills the screen with wall),
                    // and outline the entity itself.
                    const park::Portfolio& p = m_loaded.park->portfolio;
                    const park::EntityIndex floor = p.ancestorOfKind(*e, park::EntityKind::Floor);
                    flyTo(floor != park::kNoEntity ? floor : *e, aspect);
                    m_inspect.selected = *e;
                }
                if (m_flight) m_flight->duration = fly;
                break;
            case CalloutDirector::Cue::FlyBack:
                if (m_calloutReturn) {
                    m_flight =
                        twin::CameraFlight::between(m_orbit.camera(m_lens), *m_calloutReturn);
                    m_flight->duration = fly;
                    m_flightStart = now;
                }
                break;
            case CalloutDirector::Cue::Finished:
                m_calloutReturn.reset();
                m_inspect.selected = m_calloutSelectionBefore;
                break;
            case CalloutDirector::Cue::None:
                break;
        }
    }

    void drawShow(Clock::time_point now, const render::Camera& camera) {
        const bool zh = m_language == "zh";
        if (!m_presentation) {
            if (m_loaded.park) m_recorder.draw(recorderSnapshot(camera), m_commands, zh);
            if (m_inspect.mode == twin::FloorMode::Section) drawSection(zh);
            return;
        }
        const double t = secondsSinceStart(now);
        if (m_loaded.park && m_live && t - m_tickerUpdated >= 1.0) {  // KPIs once a second
            m_tickerUpdated = t;
            const twin::Kpis k =
                twin::computeKpis(m_loaded.park->portfolio, park::kNoEntity, m_live->store(),
                                  &m_live->alerts(), m_live->cursor().cursorMs());
            m_ticker =
                tickerItems({.peopleOnSite = k.occupancy.fresh > 0 ? std::optional(k.peopleOnSite)
                                                                   : std::nullopt,
                             .capacity = k.capacity,
                             .powerKw = k.power.fresh > 0 ? std::optional(k.powerKw) : std::nullopt,
                             .energyTodayKwh = k.energyTodayKwh,
                             .vacancy = k.vacancyByArea ? k.vacancyByArea : k.vacancyByCount,
                             .chargersInUse = k.chargers.inUse,
                             .chargersFaulted = k.chargers.faulted,
                             .chargers = k.chargers.total,
                             .dronesAirborne = k.dronesAirborne,
                             .drones = k.drones,
                             .openAlerts = k.openAlerts},
                            zh);
        }
        drawKpiTicker(m_ticker, t);
        if (const Callout* c = m_callouts.current()) {
            const double p = m_callouts.phaseProgress(t);
            const float fade = m_callouts.phase() == CalloutDirector::Phase::FlyingTo ? float(p)
                               : m_callouts.phase() == CalloutDirector::Phase::FlyingBack
                                   ? float(1.0 - p)
                                   : 1.0f;
            drawCalloutCard(*c, fade, zh);
        }
    }

    // The free section plane spans the selected building, or the whole scene.
    void drawSection(bool zh) {
        glm::vec3 lo, hi;
        m_scene.bounds(lo, hi);
        if (m_loaded.park && m_inspect.selected != park::kNoEntity) {
            const park::EntityIndex building = m_loaded.park->portfolio.ancestorOfKind(
                m_inspect.selected, park::EntityKind::Building);
            if (building != park::kNoEntity && building < m_loaded.park->entityBounds.size() &&
                !m_loaded.park->entityBounds[building].empty()) {
                lo = m_loaded.park->entityBounds[building].min;
                hi = m_loaded.park->entityBounds[building].max;
            }
        }
        m_inspect.sectionPlane = m_sectionPanel.draw(lo, hi, zh);
    }

    RecorderSnapshot recorderSnapshot(const render::Camera& camera) const {
        RecorderSnapshot r{.camera = {camera.eye, camera.target, camera.fovYDegrees},
                           .floorMode = std::string(twin::toString(m_inspect.mode)),
                           .layer = m_live ? m_live->layer() : "",
                           .timeOfDay = m_timeOfDay};
        const park::Portfolio* p = m_loaded.park ? &m_loaded.park->portfolio : nullptr;
        if (p && m_inspect.selected < p->entities().size())
            r.selected = p->entity(m_inspect.selected).id;
        return r;
    }

    nlohmann::json showState() const {
        nlohmann::json s = {{"kiosk", m_options.kiosk},
                            {"presentation", m_presentation},
                            {"attract", m_attractPlaying},
                            {"recorderKeyframes", m_recorder.keyframes()}};
        s["callout"] = m_callouts.current() ? nlohmann::json(m_callouts.current()->alertId)
                                            : nlohmann::json(nullptr);
        if (m_calloutReturn) {
            const glm::vec3 e = m_calloutReturn->eye, t = m_calloutReturn->target;
            s["calloutReturn"] = {{"eye", {e.x, e.y, e.z}}, {"target", {t.x, t.y, t.z}}};
        }
        int width = 0, height = 0;
        glfwGetFramebufferSize(m_window, &width, &height);
        s["window"] = {width, height};
        s["surfaceRecreations"] = m_target.surfaceRecreations();
        if (auto memory = memoryUsage())
            s["memory"] = {{"residentKiB", memory->residentKiB},
                           {"peakResidentKiB", memory->peakResidentKiB}};
        return s;
    }

    const Options& m_options;
    GLFWwindow* m_window;
    render::RenderContext& m_rc;
    render::SwapchainTarget m_target;
    render::GpuScene m_scene;
    twin::ServiceScene m_services;    // drones, corridors, chargers drawn into m_scene
    render::GpuScene m_loadingScene;  // stays empty: the sky behind the progress view
    render::Renderer m_renderer;
    ImGuiRenderer m_ui;
    FrameTimeOverlay m_overlay;
    LoadedScene m_loaded;
    std::unique_ptr<twin::LiveData> m_live;
    std::vector<render::EntityState> m_states;
    render::Camera m_lens;
    render::OrbitController m_orbit;
    InputState m_input;
    double m_lastX = 0, m_lastY = 0;
    render::Lighting m_lighting;
    twin::InspectionState m_inspect;
    std::optional<glm::vec4> m_planClip;
    std::vector<render::Instance> m_baseInstances;  // as loaded, before any explode
    bool m_exploded = false;
    Clock::time_point m_explodeStart = Clock::now() - std::chrono::seconds(10);
    std::optional<twin::CameraFlight> m_flight;
    std::array<bool, GLFW_KEY_LAST + 1> m_keyDown{};
    CommandQueue m_commands;
    std::string m_language;
    twin::BookmarkSet m_bookmarks;
    size_t m_nextBookmark = 0;
    std::optional<twin::WalkState> m_walk;
    twin::WalkFloor m_walkFloor;
    TourPlayer m_tour;
    std::optional<Tour> m_tourFile;
    std::string m_caption;
    Clock::time_point m_lastTourUpdate = Clock::now();
    std::mutex m_stateMutex;  // guards m_state and m_screenshotPromise (API threads)
    nlohmann::json m_state;
    std::optional<std::promise<Result<std::vector<uint8_t>>>> m_screenshotPromise;
    std::unique_ptr<VideoWall> m_wall;  // --wall / --wall-sync (viewer/wall_sync.h)
    std::unique_ptr<RemoteApi> m_api;   // last: stopped first, before what its callbacks use
    Clock::time_point m_flightStart;
    uint32_t m_hovered = render::kNoEntity;
    uint32_t m_framesDrawn = 0;
    int m_exitCode = 0;
    Clock::time_point m_start = Clock::now();
    Clock::time_point m_lastFrame;
    float m_frameSeconds = 0.0f;
    // Operator UI.
    PortfolioPanel m_portfolioPanel;
    SelectionPanel m_selectionPanel;
    AlertFilter m_alertFilter;
    bool m_panelsShown = true;
    bool m_showHelp = false;
    std::optional<twin::FlyState> m_fly;
    uint64_t m_samplesSeen = 0;
    std::optional<Clock::time_point> m_lastDataAt;
    UiCost m_uiCost;
    // Kiosk and presentation.
    KioskInput m_kioskInput;
    IdleTracker m_idle;
    bool m_presentation;
    TourRecorderPanel m_recorder;
    SectionPanel m_sectionPanel;
    bool m_kioskExit = false;
    bool m_attractPlaying = false;
    CalloutDirector m_callouts;
    uint64_t m_alertRevision = 0;
    uint64_t m_lastOfferedAlert = 0;
    std::optional<render::Camera> m_calloutReturn;
    park::EntityIndex m_calloutSelectionBefore = park::kNoEntity;
    std::vector<TickerItem> m_ticker;
    double m_tickerUpdated = -1e9;
    std::string m_timeOfDay;  // the HH:MM last set (for the recorder), empty: default daylight
};

class GlfwSession {
public:
    GlfwSession() : m_ok(glfwInit() == GLFW_TRUE) {}
    ~GlfwSession() {
        if (m_ok) glfwTerminate();
    }
    bool ok() const { return m_ok; }

private:
    bool m_ok;
};

// Dear ImGui's context and GLFW backend for the lifetime of the window's UI.
class ImGuiSession {
public:
    explicit ImGuiSession(GLFWwindow* window) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini litter in the working directory
        ImGui::StyleColorsDark();
        loadUiFonts(kUiFontPixels);
        ImGui_ImplGlfw_InitForVulkan(window, true);
    }
    ~ImGuiSession() {
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
};

}  // namespace

int runViewer(const Options& options) {
    glfwSetErrorCallback(
        [](int code, const char* text) { log::warn("GLFW error ", code, ": ", text); });
    GlfwSession glfw;
    if (!glfw.ok()) {
        std::fprintf(stderr,
                     "parktwin: cannot open a window (no display?); use `parktwin render` for "
                     "headless images\n");
        return 2;
    }
    GLFWwindow* window = createViewerWindow(options);
    if (!window) {
        std::fprintf(stderr, "parktwin: cannot create a window\n");
        return 2;
    }
    watchMonitors(window, options);
    glfwSetScrollCallback(window, onScroll);
    auto ctx = render::RenderContext::create(
        {.validation = options.validate, .window = window, .deviceFilter = options.device});
    if (!ctx) {
        std::fprintf(stderr, "parktwin: %s\n", ctx.error().message.c_str());
        glfwDestroyWindow(window);
        return 2;
    }
    int exitCode = 0;
    uint32_t swapchainBuilds = 0;
    uint32_t surfaceRecreations = 0;
    {
        ImGuiSession imgui(window);
        App app(options, window, **ctx);
        exitCode = app.load() ? app.run() : 2;
        swapchainBuilds = app.swapchainBuilds();
        surfaceRecreations = app.surfaceRecreations();
    }
    (*ctx)->device->waitIdle();
    if (options.validate) {
        const uint32_t errors = (*ctx)->instance.validation().errors.load();
        std::printf(
            "parktwin: validation errors: %u, swapchain builds: %u, surface recreations: %u\n",
            errors, swapchainBuilds, surfaceRecreations);
        if (errors > 0 && exitCode == 0) exitCode = 3;
    }
    ctx->reset();
    glfwDestroyWindow(window);
    return exitCode;
}

}  // namespace pt::viewer
