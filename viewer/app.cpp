// The windowed viewer's entry point and the App's frame: runViewer() with the GLFW and Dear ImGui
// sessions around it, the App's construction and scene loading (with its progress view), the remote
// API's state and screenshot providers, the main loop, one frame from input to present, the
// operator panels of that frame and the capture of frames for --screenshot and the API. Commands,
// navigation and the kiosk/presentation show live in app_commands.cpp, app_navigation.cpp and
// app_show.cpp; the class itself in app_window.h.
#include "viewer/app.h"

#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/log.h"
#include "viewer/app_window.h"
#include "viewer/help_overlay.h"
#include "viewer/labels_overlay.h"
#include "viewer/live_state.h"
#include "viewer/service_panels.h"
#include "viewer/service_render.h"
#include "viewer/ui_fonts.h"

namespace pt::viewer {

namespace {

constexpr float kUiFontPixels = 17.0f;

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

}  // namespace

App::App(const Options& options, GLFWwindow* window, render::RenderContext& rc)
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
      m_recorder(toursDirectory(options.toursDir)) {
    m_renderer.setIdReadback(true);  // label occlusion
    glfwSetWindowUserPointer(window, &m_input);
    m_language = options.language;
    m_panelsShown = options.panels;
    glfwGetCursorPos(window, &m_lastX, &m_lastY);
}

bool App::load() {
    auto loaded =
        loadScene(m_options.scene, m_scene, [&](const twin::LoadProgress& p) { drawLoading(p); });
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
        auto tour = loadTour(resolveTourPath(m_options.tour, toursDirectory(m_options.toursDir)));
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
    publishState(m_orbit.camera(m_lens));  // the API never serves a state without a frame's fields
    return startApi();
}

bool App::startApi() {
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
    std::printf("parktwin: remote API on http://%s:%d/api/v1\n", api.host.c_str(), m_api->port());
    std::fflush(stdout);
    return true;
}

nlohmann::json App::stateSnapshot() {
    std::lock_guard lock(m_stateMutex);
    return m_state;
}

void App::publishState(const render::Camera& camera) {
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
    s["live"] = m_live ? liveStateJson(*m_live, hasSelection ? m_inspect.selected : park::kNoEntity,
                                       hasSelection ? m_states[m_inspect.selected].flags : 0)
                       : nlohmann::json();
    s["openAlerts"] = m_live ? m_live->alerts().active().size() : 0;
    s["show"] = showState();
    std::lock_guard lock(m_stateMutex);
    m_state = std::move(s);
}

Result<std::vector<uint8_t>> App::requestScreenshot(std::chrono::milliseconds timeout) {
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

int App::run() {
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

uint32_t App::swapchainBuilds() const {
    return m_target.rebuildCount();
}

uint32_t App::surfaceRecreations() const {
    return m_target.surfaceRecreations();
}

void App::drawLoading(const twin::LoadProgress& p) {
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

std::optional<glm::vec4> App::updateEntityStates() {
    if (m_states.empty()) return std::nullopt;
    if (m_live) m_live->update(m_states);
    m_inspect.hovered = m_hovered;
    // Explode animates over 0.8 s from when the mode was chosen.
    const float t = std::chrono::duration<float>(Clock::now() - m_explodeStart).count() / 0.8f;
    m_inspect.explodeProgress = twin::easeInOut(std::clamp(t, 0.0f, 1.0f));
    return applyInspectionToScene(*m_loaded.park, m_inspect, m_states, m_baseInstances, m_scene,
                                  m_exploded);
}

void App::drawFrame(float viewportHeight) {
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
    m_foregroundRects.clear();  // read by drawUi's labels; refilled by what follows
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

float App::millisecondsSince(Clock::time_point t) {
    return std::chrono::duration<float, std::milli>(Clock::now() - t).count();
}

void App::drawUi(Clock::time_point now, const render::Camera& camera,
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
        const float windowScale = float(ww) / float(std::max(framebuffer.x, 1));
        std::vector<twin::LabelRect> panels = panelRectsLastFrame(windowScale);
        for (const ImVec4& r : m_foregroundRects)  // last frame's caption, ticker, call-out
            if (r.z > r.x && r.w > r.y)
                panels.push_back(
                    {glm::vec2(r.x, r.y) / windowScale, glm::vec2(r.z, r.w) / windowScale});
        drawLabels({.park = &*m_loaded.park,
                    .inspection = &m_inspect,
                    .states = m_states,
                    .live = m_live.get(),
                    .camera = camera,
                    .framebuffer = glm::vec2(framebuffer),
                    .windowScale = windowScale,
                    .ids = ids,
                    .timeSeconds = std::chrono::duration<float>(now - m_start).count(),
                    .chinese = zh,
                    .covered = panels});
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

double App::dataAgeSeconds(Clock::time_point now) {
    if (!m_live) return -1;
    if (m_live->samplesApplied() != m_samplesSeen) {
        m_samplesSeen = m_live->samplesApplied();
        m_lastDataAt = now;
    }
    if (!m_lastDataAt) return -1;
    return std::chrono::duration<double>(now - *m_lastDataAt).count();
}

void App::deliverCapture(const gfx::FrameData& frame, bool lastFrame) {
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

void App::writeScreenshot(const RgbaImage& shot) {
    if (auto written = writePng(m_options.screenshot, shot); !written) {
        std::fprintf(stderr, "parktwin: %s\n", written.error().message.c_str());
        m_exitCode = 2;
    } else {
        std::printf("parktwin: screenshot %ux%u -> %s\n", shot.width, shot.height,
                    m_options.screenshot.c_str());
    }
}

namespace {

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
