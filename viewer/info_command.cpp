#include "viewer/info_command.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "park/describe.h"
#include "render/render_context.h"
#include "viewer/scene_source.h"
#include "viewer/terminal_progress.h"

namespace pt::viewer {

int runInfo(const Options& options) {
    if (options.scene == "builtin:test") {
        std::fprintf(stderr, "parktwin info: builtin:test has no park model; give --scene FILE\n");
        return 2;
    }
    // Geometry goes into a GpuScene, which needs a device; no frame is ever drawn.
    auto ctx = render::RenderContext::create({.deviceFilter = options.device});
    if (!ctx) {
        std::fprintf(stderr, "parktwin info: %s\n", ctx.error().message.c_str());
        return 2;
    }
    int exitCode = 0;
    {
        render::GpuScene scene(*(*ctx)->device);
        auto loaded = loadScene(options.scene, scene,
                                options.json ? twin::ProgressCallback{} : terminalProgress());
        if (!loaded) {
            std::fprintf(stderr, "parktwin info: %s\n", loaded.error().message.c_str());
            return 2;
        }
        const twin::ParkScene& park = *loaded->park;
        const twin::LoadStats& s = park.stats;
        if (options.json) {
            nlohmann::json out = nlohmann::json::parse(park::describeJson(park.portfolio));
            out["models"] = {{"files", s.models},        {"meshes", s.meshes},
                             {"instances", s.instances}, {"triangles", s.triangles},
                             {"textures", s.textures},   {"loadMilliseconds", s.milliseconds}};
            out["warnings"] = park.warnings;
            std::printf("%s\n", out.dump(2).c_str());
        } else {
            std::printf("%s", park::describeText(park.portfolio).c_str());
            std::printf(
                "\nmodels: %zu files, %zu meshes, %zu instances, %llu triangles, %zu textures\n",
                s.models, s.meshes, s.instances, (unsigned long long)s.triangles, s.textures);
            std::printf("load time: %.0f ms\n", s.milliseconds);
            std::printf("warnings: %zu\n", park.warnings.size());
            for (const std::string& w : park.warnings)
                std::printf("  %s\n", w.c_str());
        }
    }
    return exitCode;
}

}  // namespace pt::viewer
