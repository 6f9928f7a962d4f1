// The operator UI's cost per frame on the demo park at 1920x1080 with every panel open
// (portfolio tree, selection with sparklines, key figures, alerts, layers, time bar, status
// overlay and labels), as a share of the whole frame measured in the same run. The viewer
// measures itself (`parktwin --ui-stats`): CPU time from ImGui::NewFrame to ImGui::Render
// (labels and panels built) plus recording the UI's draw, and the GPU time of the UI pass; the
// frame is the wall time between frames (the reference, measured in the same run). A second
// run with the panels hidden (labels only) separates what the panels themselves cost. Runs
// parktwin under `xvfb-run` with LP_NUM_THREADS=2 (lavapipe). Also: the portfolio panel's search
// over the demo park, the work it does once per keystroke, against the same frame. See
// docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "park/manifest.h"
#include "twin/portfolio_search.h"

namespace {

constexpr int kFrames = 40;  // the viewer skips its first 5 (loading, font upload)

struct UiCost {
    bool ok = false;
    double cpuMs = 0, gpuMs = 0, uiMs = 0, frameMs = 0, sharePct = 0;
    int frames = 0;
};

// Runs the viewer and parses its "ui cost over N frames: cpu X ms + gpu Y ms = Z ms per frame,
// frame F ms, ui share S %" line.
UiCost runViewer(const std::string& extraArgs) {
    const std::string command = "xvfb-run -a -s '-screen 0 1920x1080x24' " PT_BENCH_BINARY_DIR
                                "/bin/parktwin --size 1920x1080 --no-vsync --ui-stats --frames " +
                                std::to_string(kFrames) + " " + extraArgs + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    UiCost cost;
    if (!pipe) return cost;
    std::array<char, 1024> line{};
    while (std::fgets(line.data(), int(line.size()), pipe)) {
        UiCost c;
        if (std::sscanf(line.data(),
                        "parktwin: ui cost over %d frames: cpu %lf ms + gpu %lf ms = %lf ms per "
                        "frame, frame %lf ms, ui share %lf %%",
                        &c.frames, &c.cpuMs, &c.gpuMs, &c.uiMs, &c.frameMs, &c.sharePct) == 6) {
            c.ok = true;
            cost = c;
        }
    }
    const int status = pclose(pipe);
    if (status != 0) cost.ok = false;
    return cost;
}

struct Row {
    std::string name;
    UiCost cost;
};
std::vector<Row>& rows() {
    static std::vector<Row> r;
    return r;
}

void run(benchmark::State& state, const char* name, const std::string& args) {
    UiCost cost;
    for (auto _ : state) {
        cost = runViewer(args);
        if (!cost.ok) {
            state.SkipWithError("parktwin did not report its UI cost (is xvfb-run installed?)");
            return;
        }
        state.SetIterationTime(cost.frameMs / 1000.0);
    }
    rows().push_back({name, cost});
    state.counters["ui_ms"] = cost.uiMs;
    state.counters["ui_cpu_ms"] = cost.cpuMs;
    state.counters["ui_gpu_ms"] = cost.gpuMs;
    state.counters["frame_ms"] = cost.frameMs;
    state.counters["ui_share_pct"] = cost.sharePct;
}

void BM_UiAllPanels(benchmark::State& state) {
    // A unit selected: the selection panel shows its facts, sparklines and alerts, the tree
    // opens down to it; live data from the simulator fills the KPI, alert and layer panels.
    run(state, "all panels", "--select gm/A3/F8/U803");
}
void BM_UiPanelsHidden(benchmark::State& state) {
    run(state, "panels hidden (labels only)", "--select gm/A3/F8/U803 --no-panels");
}
// The portfolio panel recomputes its search when the query changes (once per keystroke): the
// whole tree walked and filtered. Timed on the demo park's ~2,500 tree entities.
double g_searchMs = 0;
size_t g_searchEntities = 0;
int g_searchMatches = 0;
void BM_PortfolioSearch(benchmark::State& state) {
    auto portfolio = pt::park::loadManifest(PT_BENCH_BINARY_DIR "/assets/demo/manifest.json");
    if (!portfolio) {
        state.SkipWithError("the demo park is not generated (build the demo_park target)");
        return;
    }
    double total = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const auto matches = pt::twin::searchMatches(*portfolio, "semi");
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        state.SetIterationTime(ms / 1000.0);
        total += ms;
        g_searchMatches = matches.total;
        benchmark::DoNotOptimize(matches);
    }
    g_searchMs = total / double(state.iterations());
    g_searchEntities = portfolio->entities().size();
    state.counters["search_ms"] = g_searchMs;
}
BENCHMARK(BM_PortfolioSearch)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(20);

BENCHMARK(BM_UiAllPanels)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_UiPanelsHidden)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
    setenv("LP_NUM_THREADS", "2", 0);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    std::printf(
        "\nOperator UI on the demo park at 1920x1080, lavapipe (LP_NUM_THREADS=%s), "
        "%d frames per run\n",
        std::getenv("LP_NUM_THREADS"), kFrames);
    for (const Row& r : rows())
        std::printf(
            "  %-28s UI %.2f ms/frame (CPU build+record %.2f, GPU %.2f) of a %.1f ms "
            "frame = %.2f %%\n",
            r.name.c_str(), r.cost.uiMs, r.cost.cpuMs, r.cost.gpuMs, r.cost.frameMs,
            r.cost.sharePct);
    if (rows().size() == 2)
        std::printf(
            "  the panels add %.2f ms of UI work per frame (%.2f %% of the all-panels "
            "frame)\n",
            rows()[0].cost.uiMs - rows()[1].cost.uiMs,
            100.0 * (rows()[0].cost.uiMs - rows()[1].cost.uiMs) / rows()[0].cost.frameMs);
    if (g_searchEntities > 0 && !rows().empty())
        std::printf(
            "  portfolio search ('semi', %d matches of %zu entities): %.2f ms per keystroke "
            "= %.2f %% of one all-panels frame\n",
            g_searchMatches, g_searchEntities, g_searchMs,
            100.0 * g_searchMs / rows()[0].cost.frameMs);
    benchmark::Shutdown();
    return 0;
}
