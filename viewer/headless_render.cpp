#include "viewer/headless_render.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <thread>

#include "core/log.h"
#include "render/offscreen_target.h"
#include "viewer/terminal_progress.h"

namespace pt::viewer {
namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "parktwin render: %s\n", message.c_str());
    return 2;
}

// Lets the live-data source deliver for `seconds` (a broker's retained values, the simulator's
// first tick), refreshing the state as a running viewer would.
void settle(twin::LiveData& live, std::span<render::EntityState> states, double seconds) {
    const auto until =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(int64_t(seconds * 1000));
    do {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        live.update(states);
    } while (std::chrono::steady_clock::now() < until);
}

void copyInto(RgbaImage& dst, const RgbaImage& src, uint32_t x, uint32_t y) {
    for (uint32_t row = 0; row < src.height; ++row)
        std::memcpy(&dst.pixels[(size_t(y + row) * dst.width + x) * 4],
                    &src.pixels[size_t(row) * src.width * 4], size_t(src.width) * 4);
}

}  // namespace

HeadlessScene::~HeadlessScene() {
    if (context) context->device->waitIdle();
}

std::optional<glm::vec4> HeadlessScene::updateStates() {
    if (!loaded.park) return setup.clipOverride;
    if (live) live->update(states);
    const auto clip = applyInspectionToScene(*loaded.park, setup.inspection, states, baseInstances,
                                             *scene, exploded);
    updateServiceScene(services, live.get(), states, setup.camera, *scene);
    return setup.clipOverride ? setup.clipOverride : clip;
}

Result<std::unique_ptr<HeadlessScene>> loadHeadlessScene(const Options& options, float aspect) {
    auto hs = std::make_unique<HeadlessScene>();
    auto ctx = render::RenderContext::create(
        {.validation = options.validate, .deviceFilter = options.device});
    if (!ctx) return ctx.error();
    hs->context = std::move(*ctx);
    hs->scene = std::make_unique<render::GpuScene>(*hs->context->device);
    auto loaded = loadScene(options.scene, *hs->scene, terminalProgress());
    if (!loaded) return loaded.error();
    hs->loaded = std::move(*loaded);
    auto setup = setupView(options, hs->loaded, aspect);
    if (!setup) return setup.error();
    hs->setup = std::move(*setup);
    if (hs->loaded.park) {
        hs->states.resize(hs->loaded.park->portfolio.entities().size());
        if (isServiceView(options))
            hs->services = twin::ServiceScene::create(*hs->loaded.park, *hs->scene);
        hs->baseInstances = hs->scene->instances();
        if (options.data != "none") {
            if (isServiceView(options) && options.data == "sim")
                hs->fixedClock = std::make_unique<data::ManualClock>(kServiceRenderStartMs);
            auto created = twin::LiveData::create(hs->loaded.park->portfolio,
                                                  liveOptionsFor(options, hs->fixedClock.get()));
            if (!created) return created.error();
            hs->live = std::move(*created);
            if (hs->fixedClock) {
                auto settled =
                    settleServiceScene(*hs->live, *hs->fixedClock, hs->states, hs->services,
                                       hs->setup.camera, *hs->scene, options.settleSeconds);
                if (!settled) return settled.error();
            } else {
                settle(*hs->live, hs->states, options.settleSeconds);
            }
        }
    }
    return hs;
}

RgbaImage drawTiles(HeadlessScene& hs, render::Renderer& renderer, const render::RenderView& view,
                    glm::uvec2 fullSize, std::span<const twin::PixelRect> rects) {
    uint32_t x0 = UINT32_MAX, y0 = UINT32_MAX, x1 = 0, y1 = 0;
    for (const twin::PixelRect& r : rects) {
        x0 = std::min(x0, r.x);
        y0 = std::min(y0, r.y);
        x1 = std::max(x1, r.x + r.width);
        y1 = std::max(y1, r.y + r.height);
    }
    RgbaImage out{.width = x1 - x0, .height = y1 - y0};
    out.pixels.assign(size_t(out.width) * out.height * 4, 0);
    render::RenderContext& rc = *hs.context;
    std::unique_ptr<render::OffscreenTarget>& target = hs.tileTarget;
    for (const twin::PixelRect& r : rects) {
        if (!target || target->image().extent.width != r.width ||
            target->image().extent.height != r.height)
            target = std::make_unique<render::OffscreenTarget>(*rc.device,
                                                               VkExtent2D{r.width, r.height});
        render::RenderView tileView = view;
        tileView.camera.subRect = twin::subRectOf(r, fullSize);
        gfx::FrameData& frame = rc.frames->beginFrame();
        target->acquire(frame);
        renderer.render(frame, *hs.scene, tileView, target->image());
        rc.frames->submit(frame, target->finish(frame));
        copyInto(out, target->readback(*rc.frames, frame), r.x - x0, r.y - y0);
    }
    return out;
}

int validationExitCode(const HeadlessScene& hs, const Options& options, const char* program) {
    hs.context->device->waitIdle();
    if (!options.validate) return 0;
    const uint32_t errors = hs.context->instance.validation().errors.load();
    std::printf("parktwin %s: validation errors: %u\n", program, errors);
    return errors > 0 ? 3 : 0;
}

int runHeadlessRender(const Options& options) {
    const auto start = std::chrono::steady_clock::now();
    // A wall tile: --size is the tile; the picture is the wall's virtual display.
    const twin::WallLayout wall{.columns = options.wall.x,
                                .rows = options.wall.y,
                                .bezelX = options.bezel.x,
                                .bezelY = options.bezel.y};
    const glm::uvec2 size{options.width, options.height};
    const glm::uvec2 fullSize = options.isWallTile() ? twin::virtualSize(wall, size) : size;
    std::vector<twin::PixelRect> rects;
    if (options.isWallTile()) {
        rects.push_back(twin::tileRect(wall, options.tile, size));
    } else {
        const glm::uvec2 grid =
            options.tiles ? glm::uvec2(options.tiles) : twin::tilesNeeded(size, kMaxTileSide);
        rects = twin::splitImage(size, grid.x, grid.y);
    }
    auto loaded = loadHeadlessScene(options, float(fullSize.x) / float(fullSize.y));
    if (!loaded) return fail(loaded.error().message);
    HeadlessScene& hs = **loaded;
    int exitCode = 0;
    {
        render::Renderer renderer(
            *hs.context->device,
            {.samples = VkSampleCountFlagBits(options.samples ? options.samples : 4u)});
        render::RenderView view{.camera = hs.setup.camera, .lighting = hs.setup.lighting};
        view.clipPlane = hs.updateStates();
        view.entities = hs.states;
        const RgbaImage pixels = drawTiles(hs, renderer, view, fullSize, rects);
        if (auto written = writePng(options.out, pixels); !written)
            return fail(written.error().message);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        std::printf(
            "parktwin render: %s, %ux%u (%zu tile%s of a %ux%u picture), %u instances, %llu "
            "triangles, %s, "
            "%.0f ms -> %s\n",
            hs.loaded.title.c_str(), pixels.width, pixels.height, rects.size(),
            rects.size() == 1 ? "" : "s", fullSize.x, fullSize.y,
            renderer.lastStats().drawnInstances,
            (unsigned long long)renderer.lastStats().drawnTriangles,
            hs.context->device->name().c_str(), ms, options.out.c_str());
    }
    exitCode = validationExitCode(hs, options, "render");
    return exitCode;
}

}  // namespace pt::viewer
