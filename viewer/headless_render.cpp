#include "viewer/headless_render.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "core/image_io.h"
#include "core/log.h"
#include "render/offscreen_target.h"
#include "render/render_context.h"
#include "render/renderer.h"
#include "twin/live_data.h"
#include "viewer/scene_source.h"
#include "viewer/terminal_progress.h"
#include "viewer/view_setup.h"

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

}  // namespace

int runHeadlessRender(const Options& options) {
    const auto start = std::chrono::steady_clock::now();
    auto ctx = render::RenderContext::create(
        {.validation = options.validate, .deviceFilter = options.device});
    if (!ctx) return fail(ctx.error().message);
    render::RenderContext& rc = **ctx;
    int exitCode = 0;
    {
        render::GpuScene scene(*rc.device);
        auto loaded = loadScene(options.scene, scene, terminalProgress());
        if (!loaded) return fail(loaded.error().message);
        const float aspect = float(options.width) / float(options.height);
        auto setup = setupView(options, *loaded, aspect);
        if (!setup) return fail(setup.error().message);

        render::RenderView view{.camera = setup->camera, .lighting = setup->lighting};
        std::vector<render::EntityState> states;
        std::unique_ptr<twin::LiveData> live;
        if (loaded->park) {
            states.resize(loaded->park->portfolio.entities().size());
            if (options.data != "none") {
                auto created = twin::LiveData::create(
                    loaded->park->portfolio, {.source = options.data, .layer = options.layer});
                if (!created) return fail(created.error().message);
                live = std::move(*created);
                settle(*live, states, options.settleSeconds);
            }
            const std::vector<render::Instance> base = scene.instances();
            bool exploded = false;
            view.clipPlane = applyInspectionToScene(*loaded->park, setup->inspection, states, base,
                                                    scene, exploded);
            view.entities = states;
        }
        if (setup->clipOverride) view.clipPlane = setup->clipOverride;

        render::OffscreenTarget target(*rc.device, {options.width, options.height});
        render::Renderer renderer(
            *rc.device, {.samples = VkSampleCountFlagBits(options.samples ? options.samples : 4u)});
        gfx::FrameData& frame = rc.frames->beginFrame();
        target.acquire(frame);
        renderer.render(frame, scene, view, target.image());
        rc.frames->submit(frame, target.finish(frame));
        const RgbaImage pixels = target.readback(*rc.frames, frame);
        if (auto written = writePng(options.out, pixels); !written)
            return fail(written.error().message);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        std::printf("parktwin render: %s, %ux%u, %u instances, %llu triangles, %s, %.0f ms -> %s\n",
                    loaded->title.c_str(), options.width, options.height,
                    renderer.lastStats().drawnInstances,
                    (unsigned long long)renderer.lastStats().drawnTriangles,
                    rc.device->name().c_str(), ms, options.out.c_str());
    }
    rc.device->waitIdle();
    if (options.validate) {
        const uint32_t errors = rc.instance.validation().errors.load();
        std::printf("parktwin render: validation errors: %u\n", errors);
        if (errors > 0) exitCode = 3;
    }
    return exitCode;
}

}  // namespace pt::viewer
