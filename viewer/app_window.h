#pragma once
// The windowed viewer's application object, private to viewer/app*.cpp: the App class that owns
// the scene, renderer, UI and live data of one window, and the small pieces its files share. Its
// member functions are defined by topic in app.cpp (construction, loading, frames, capture),
// app_commands.cpp, app_navigation.cpp and app_show.cpp.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/image_io.h"
#include "render/render_context.h"
#include "render/renderer.h"
#include "render/swapchain_target.h"
#include "twin/bookmarks.h"
#include "twin/camera_animation.h"
#include "twin/fly_navigation.h"
#include "twin/inspection.h"
#include "twin/live_data.h"
#include "twin/park_scene.h"
#include "twin/service_scene.h"
#include "twin/walk_navigation.h"
#include "viewer/cli.h"
#include "viewer/command.h"
#include "viewer/data_panels.h"
#include "viewer/imgui_renderer.h"
#include "viewer/kiosk.h"
#include "viewer/kiosk_window.h"
#include "viewer/portfolio_panel.h"
#include "viewer/presentation.h"
#include "viewer/remote_api.h"
#include "viewer/scene_source.h"
#include "viewer/section_panel.h"
#include "viewer/selection_panel.h"
#include "viewer/tour.h"
#include "viewer/tour_recorder_panel.h"
#include "viewer/ui_overlay.h"
#include "viewer/view_setup.h"
#include "viewer/wall_sync.h"

namespace pt::viewer {

// Mouse state gathered from GLFW callbacks and polling, consumed once per frame.
struct InputState {
    double scroll = 0;
    bool leftDown = false;
    bool dragged = false;  // the left button moved far enough since it went down to be a drag
    double downX = 0, downY = 0;
    bool clicked = false;        // a left click (press and release without dragging) this frame
    bool doubleClicked = false;  // a left double-click on the 3D view this frame
};

// The windowed application: owns the scene, renderer, UI and live data for one window.
// Members are declared in creation order; the destructor runs in reverse, before the context.
class App {
public:
    using Clock = std::chrono::steady_clock;

    App(const Options& options, GLFWwindow* window, render::RenderContext& rc);

    // Loads the scene while drawing a progress view; false (with a message) if it fails.
    bool load();

    bool startApi();

    // Server threads read the last published snapshot (the frame writes it under the mutex).
    nlohmann::json stateSnapshot();

    void publishState(const render::Camera& camera);

    // Server thread: asks the render thread for the next frame as a PNG and waits for it.
    Result<std::vector<uint8_t>> requestScreenshot(std::chrono::milliseconds timeout);

    int run();

    uint32_t swapchainBuilds() const;
    uint32_t surfaceRecreations() const;

private:
    void drawLoading(const twin::LoadProgress& p);

    // Mouse navigation unless ImGui wants the mouse: left-drag orbits, right/middle-drag pans,
    // wheel zooms, a left click selects what is under the cursor.
    void handleMouse(float viewportHeight);

    // The one place application state changes: every UI action, key, remote call and tour step
    // arrives here as a Command, once per frame. Errors (an unknown id...) are logged, not fatal.
    void applyCommands(float aspect);

    Result<park::EntityIndex> findEntity(const std::string& id) const;

    Result<void> apply(const Command& command, float aspect);

    // Commands served by optional parts (tours, bookmarks, alerts).
    Result<void> applyMore(const Command& command);

    // A playing tour drives the camera and fires its actions through the command queue.
    void updateTour(Clock::time_point now);

    void drawCaption();

    // Keys: Esc clears the selection; 0-5 choose the floor mode (none, isolate, ghost, cutaway,
    // explode, section); F flies to the selection; P toggles the plan view of its floor.
    void handleKeys(float aspect);

    // True once per press (ImGui 1.86 names only a few keys, so GLFW is polled directly).
    bool keyPressed(int key);

    // First-person walk on the selected floor: eye height above its slab, walls of the units
    // and the footprint block movement. V toggles; WASD moves (Shift runs), the mouse looks.
    void toggleWalk();

    void stepWalk(float dt, float dx, float dy);

    // Fly mode (C): free flight from the current view, WASD + Q/E, Shift faster, drag to look.
    // Leaving it hands the view to the orbit camera, turning about a point ahead.
    void toggleFly();

    void leaveFly();

    void stepFlyMode(float dt, float dx, float dy);

    void flyTo(park::EntityIndex entity, float aspect);

    void togglePlan(float aspect);

    // Live data first (rule colours), then the inspection's flags, clip plane and explode.
    std::optional<glm::vec4> updateEntityStates();

    void drawFrame(float viewportHeight);

    static float millisecondsSince(Clock::time_point t);

    // The operator UI of this frame: status overlay, labels and badges, the panels (hidden with
    // H or --no-panels; the data panels also while a tour or the presentation plays), help.
    void drawUi(Clock::time_point now, const render::Camera& camera,
                const render::Renderer::IdImage& ids, glm::ivec2 framebuffer,
                gfx::FrameData& frame);

    // Seconds since the live source last delivered a sample; negative before the first one.
    double dataAgeSeconds(Clock::time_point now);

    // The orbit camera, or the animated flight while one runs (its end hands over to the orbit).
    render::Camera currentCamera(Clock::time_point now);

    // A captured frame goes to the remote API's waiting request and/or to --screenshot.
    void deliverCapture(const gfx::FrameData& frame, bool lastFrame);

    void writeScreenshot(const RgbaImage& shot);

    // ---------------------------------------------------------------------------------------
    // Kiosk and presentation: idle cursor, exit chord, attract loop, alert call-outs, ticker.

    double secondsSinceStart(Clock::time_point now) const;

    void updateShow(Clock::time_point now, float aspect);

    void startAttract();

    Callout calloutFor(const data::Alert& alert) const;

    // New alerts are offered as call-outs; cleared or acknowledged ones are withdrawn. The
    // camera flies to the alert and back; a playing tour waits meanwhile (updateTour).
    void updateCallouts(Clock::time_point now, float aspect);

    void drawShow(Clock::time_point now, const render::Camera& camera);

    // The free section plane spans the selected building, or the whole scene.
    void drawSection(bool zh);

    RecorderSnapshot recorderSnapshot(const render::Camera& camera) const;

    nlohmann::json showState() const;

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
    // What the tour caption, ticker and call-out card covered (x0, y0, x1, y1, ImGui units),
    // drawn after the labels: the next frame's labels keep clear of them.
    std::vector<ImVec4> m_foregroundRects;
    double m_tickerUpdated = -1e9;
    std::string m_timeOfDay;  // the HH:MM last set (for the recorder), empty: default daylight
};

}  // namespace pt::viewer
