// Our full import (Assimp + validation + conversion + texture decoding) against the reference
// `assimp info FILE` from assimp-utils, run as a subprocess in the same run. Target: ratio <= 1.5.
// The reference includes process start-up and Assimp's MaxQuality post-processing; the ratio is
// what a user feels: "is loading through ParkTwin slower than Assimp's own tool?".
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "assets/model_import.h"

namespace fs = std::filesystem;

namespace {

const char* const kModels[] = {
    "ifc/AC14-FZK-Haus.ifc",
    "gltf/2CylinderEngine-glTF-Binary/2CylinderEngine.glb",
    "gltf/BoxTextured-glTF/BoxTextured.gltf",
    "obj/spider.obj",
    "fbx/spider.fbx",
};

fs::path modelPath(int index) {
    return fs::path(PT_BENCH_SHARED_DATA_DIR) / "models" / kModels[index];
}

// Seconds for one `assimp info` run, output discarded.
double assimpInfoSeconds(const fs::path& path) {
    const std::string command = "assimp info '" + path.string() + "' > /dev/null 2>&1";
    const auto start = std::chrono::steady_clock::now();
    const int rc = std::system(command.c_str());
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    return rc == 0 ? elapsed.count() : -1.0;
}

void BM_ImportModel(benchmark::State& state) {
    const fs::path path = modelPath(int(state.range(0)));
    if (!fs::exists(path)) {
        state.SkipWithError("shared data missing");
        return;
    }
    double ours = 0.0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        pt::Result<pt::assets::ImportedModel> model = pt::assets::importModel(path);
        ours += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!model) {
            state.SkipWithError(model.error().message.c_str());
            return;
        }
        benchmark::DoNotOptimize(model->triangleCount);
    }
    ours /= double(state.iterations());
    double reference = 0.0;
    const int runs = 5;
    for (int i = 0; i < runs; ++i)
        reference += assimpInfoSeconds(path);
    reference /= runs;
    state.SetLabel(kModels[state.range(0)]);
    state.counters["ours_ms"] = ours * 1e3;
    state.counters["assimp_info_ms"] = reference * 1e3;
    state.counters["ratio"] = reference > 0 ? ours / reference : -1.0;
}

}  // namespace

BENCHMARK(BM_ImportModel)->DenseRange(0, 4)->Unit(benchmark::kMillisecond)->MinTime(0.5);

BENCHMARK_MAIN();
