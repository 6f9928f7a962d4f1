// Ingest pipeline without the network: parse batch messages (500 values each, as the publisher
// sends them), push through the MPSC queue, drain into the store. Items = channel updates.
//  BM_ParseQueueDrain    the path MqttSource + Ingestor take: streaming parse with interned ids,
//                        one queue push per message, one drain per 20 messages ("a frame").
//  BM_ParseOnly          the streaming batch parser alone.
//  BM_NlohmannDomParse   reference: nlohmann::json::parse of the same payloads into a DOM (what
//                        the parser did before), without even looking at the values.
// Through a real broker, against mosquitto_sub: bench_data_broker (bench/data_broker.cpp).
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include "data/ingestor.h"
#include "data/payload_parser.h"

using namespace pt::data;

namespace {

constexpr int kMessages = 20, kPerBatch = 500;

std::vector<std::string> makeMessages() {
    std::vector<std::string> out;
    char id[64];
    for (int m = 0; m < kMessages; ++m) {
        std::vector<Sample> batch;
        for (int i = 0; i < kPerBatch; ++i) {
            const int n = m * kPerBatch + i;
            std::snprintf(id, sizeof id, "gm/A%d/F%d/U%d", n % 12 + 1, (n / 12) % 20 + 1, n);
            batch.push_back({id, Channel::Power, 10.0 + (n % 900) * 0.125, 0});
        }
        out.push_back(encodeBatch(batch, 1000 + m));
    }
    return out;
}

void BM_ParseQueueDrain(benchmark::State& state) {
    const auto messages = makeMessages();
    TelemetryStore store;
    ManualClock clock(1'000'000);
    Ingestor ingest(store, clock);
    ParseContext context{.interner = &ingest.queue().interner()};
    SampleBatch parsed;
    for (auto _ : state) {
        for (const std::string& payload : messages) {
            parsed.clear();
            parseMessage(kBatchTopic, payload, 0, parsed, ingest.stats(), context);
            ingest.queue().push(parsed);
        }
        benchmark::DoNotOptimize(ingest.drain());
        store.clearChanged();
    }
    if (ingest.stats().rejectedTotal() != 0) state.SkipWithError("values were rejected");
    state.SetItemsProcessed(state.iterations() * kMessages * kPerBatch);
}

void BM_ParseOnly(benchmark::State& state) {
    const auto messages = makeMessages();
    IngestStats stats;
    EntityInterner interner;
    ParseContext context{.interner = &interner};
    SampleBatch parsed;
    for (auto _ : state) {
        for (const std::string& payload : messages) {
            parsed.clear();
            benchmark::DoNotOptimize(parseMessage(kBatchTopic, payload, 0, parsed, stats, context));
        }
    }
    state.SetItemsProcessed(state.iterations() * kMessages * kPerBatch);
}

void BM_NlohmannDomParse(benchmark::State& state) {
    const auto messages = makeMessages();
    for (auto _ : state) {
        for (const std::string& payload : messages) {
            benchmark::DoNotOptimize(nlohmann::json::parse(payload));
        }
    }
    state.SetItemsProcessed(state.iterations() * kMessages * kPerBatch);
}

}  // namespace

BENCHMARK(BM_ParseQueueDrain)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NlohmannDomParse)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
