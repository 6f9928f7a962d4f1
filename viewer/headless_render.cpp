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

namespace pt::viewer {

int runHeadlessRender(const Options& options) {
    const auto start = std::chrono::steady_clock::now();
    auto ctx = render::RenderContext::create(
        {.validation = options.validate, .deviceFilter = options.device});
    if (!ctx) {
        std::fprintf(stderr, "parktwin render: %s\n", ctx.error().message.c_str());
        return 2;
    }
    render::RenderContext& rc = **ctx;
    int exitCode = 0;
    {
        render::GpuScene scene(*rc.device);
        auto loaded = loadScene(options.scene, scene, terminalProgress());
        if (!loaded) {
            std::fprintf(stderr, "parktwin render: %s\n", loaded.error().message.c_str());
            return 2;
        }
        render::Camera camera = loaded->camera;
        if (options.camera) {
            camera.eye = options.camera->eye;
            camera.target = options.camera->target;
        }
        render::OffscreenTarget target(*rc.device, {options.width, options.height});
        render::Renderer renderer(*rc.device, {.samples = VkSampleCountFlagBits(options.samples)});
        gfx::FrameData& frame = rc.frames->beginFrame();
        target.acquire(frame);
        render::RenderView view{.camera = camera};
        std::vector<render::EntityState> states;
        std::unique_ptr<twin::LiveData> live;
        if (loaded->park && options.data != "none") {
            auto created = twin::LiveData::create(loaded->park->portfolio,
                                                  {.source = options.data, .layer = options.layer});
            if (!created) {
                std::fprintf(stderr, "parktwin render: %s\n", created.error().message.c_str());
                return 2;
            }
            live = std::move(*created);
            states.resize(loaded->park->portfolio.entities().size());
            // Give the source time to deliver (a broker's retained values, the simulator's first
            // tick), refreshing the state as a running viewer would.
            const auto until = std::chrono::steady_clock::now() +
                               std::chrono::milliseconds(int64_t(options.settleSeconds * 1000));
            do {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                live->update(states);
            } while (std::chrono::steady_clock::now() < until);
            view.entities = states;
        }
        renderer.render(frame, scene, view, target.image());
        rc.frames->submit(frame, target.finish(frame));
        const RgbaImage pixels = target.readback(*rc.frames, frame);
        if (auto written = writePng(options.out, pixels); !written) {
            std::fprintf(stderr, "parktwin render: %s\n", written.error().message.c_str());
            return 2;
        }
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
