#pragma once
// `parktwin render`: one frame, no window, no display; writes a PNG. An image larger than one
// GPU image (or asked for with --tiles) and a video-wall tile (--wall/--tile) are drawn as tiles,
// each with the off-axis camera of its part of the whole picture (twin/video_wall.h), so the
// stitched result is the picture one large render would give. `export` shares the loaded scene
// and the tile drawing. Everything here runs on the calling thread.
#include <memory>
#include <span>
#include <vector>

#include "core/image_io.h"
#include "render/offscreen_target.h"
#include "render/render_context.h"
#include "render/renderer.h"
#include "twin/live_data.h"
#include "twin/video_wall.h"
#include "viewer/cli.h"
#include "viewer/scene_source.h"
#include "viewer/service_render.h"
#include "viewer/view_setup.h"

namespace pt::viewer {

// Returns the process exit code (0 ok, 2 bad input, 3 validation errors).
int runHeadlessRender(const Options& options);

// The longest side of one tile: images beyond it are drawn in tiles (well within every
// device's maxImageDimension2D, and it keeps lavapipe's attachments under ~300 MB at 4x MSAA).
inline constexpr uint32_t kMaxTileSide = 4096;

// A scene loaded for drawing without a window: the device, the scene, the first view the
// command line asks for (selection, floor mode, view, time of day) and live data. Members are
// destroyed in reverse order after the GPU is idle, the context last.
struct HeadlessScene {
    std::unique_ptr<render::RenderContext> context;
    std::unique_ptr<render::GpuScene> scene;
    LoadedScene loaded;
    ViewSetup setup;
    std::vector<render::EntityState> states;        // one per park entity (empty without a park)
    std::vector<render::Instance> baseInstances;    // as loaded, before any explode
    twin::ServiceScene services;                    // --view drone|ev: drones, corridors, chargers
    std::unique_ptr<data::ManualClock> fixedClock;  // --view drone|ev --data sim: reproducible
    std::unique_ptr<twin::LiveData> live;
    bool exploded = false;
    // drawTiles' target, kept while the tile size stays (every frame of an export).
    std::unique_ptr<render::OffscreenTarget> tileTarget;

    HeadlessScene() = default;
    HeadlessScene(const HeadlessScene&) = delete;
    HeadlessScene& operator=(const HeadlessScene&) = delete;
    ~HeadlessScene();

    // Refreshes live data and applies the inspection; returns the clip plane to draw with.
    std::optional<glm::vec4> updateStates();
};

// `aspect` is the whole picture's (a wall's virtual display), which the first view frames.
Result<std::unique_ptr<HeadlessScene>> loadHeadlessScene(const Options& options, float aspect);

// Draws the parts `rects` of a picture of `fullSize` pixels, each with the view's camera narrowed
// to its rectangle, into one image covering their bounding box (a tile at its place).
RgbaImage drawTiles(HeadlessScene& hs, render::Renderer& renderer, const render::RenderView& view,
                    glm::uvec2 fullSize, std::span<const twin::PixelRect> rects);

// Prints the validation error count; returns 3 if there were any (with --validate), else 0.
int validationExitCode(const HeadlessScene& hs, const Options& options, const char* program);

}  // namespace pt::viewer
