// Rule evaluation + visual-state build for 100k entities, against a memcpy of the same state
// array (the floor: what one upload-sized copy costs). Report: ratio of the two times.
#include <benchmark/benchmark.h>

#include <cstring>

#include "data/overlay_evaluator.h"

using namespace pt::data;

namespace {

constexpr int kEntities = 100'000;

struct World {
    RuleSet rules;
    TelemetryStore store;
    AlertLog alerts{1000};
    std::unique_ptr<OverlayEvaluator> eval;
    std::vector<EntityVisualState> states;
    World() {
        rules = *RuleSet::parse(R"({"rules":[{"id":"power","channel":"power","staleAfter":"5m",
            "ramp":{"preset":"viridis","domain":[0,500]},
            "thresholds":[{"level":"warning","above":450,"clear":400}]}]})",
                                "bench");
        std::vector<EntityKey> slots;
        char id[64];
        for (int i = 0; i < kEntities; ++i) {
            std::snprintf(id, sizeof id, "gm/A%d/F%d/U%d", i / 2000, (i / 50) % 40, i);
            const EntityKey key = store.ensureEntity(id);
            (void)store.apply(key, Channel::Power, double(i % 500), 1000);
            slots.push_back(key);
        }
        states.resize(slots.size());
        eval = std::make_unique<OverlayEvaluator>(rules, alerts);
        eval->setEntities(std::move(slots), store);
    }
};

World& world() {
    static World w;
    return w;
}

void BM_EvaluateAll100k(benchmark::State& state) {
    World& w = world();
    for (auto _ : state) {
        w.eval->evaluateAll(w.store, 2000, w.states);
        benchmark::DoNotOptimize(w.states.data());
    }
    state.SetItemsProcessed(state.iterations() * kEntities);
}

void BM_MemcpyState100k(benchmark::State& state) {
    World& w = world();
    std::vector<EntityVisualState> copy(w.states.size());
    for (auto _ : state) {
        std::memcpy(copy.data(), w.states.data(), w.states.size() * sizeof(EntityVisualState));
        benchmark::DoNotOptimize(copy.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * kEntities);
}

}  // namespace

BENCHMARK(BM_EvaluateAll100k)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MemcpyState100k)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
