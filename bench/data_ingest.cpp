// Ingest pipeline without the network: parse batch messages (500 values each, as the publisher
// sends them), push through the MPSC queue, drain into the store. Items = channel updates.
// Through a real broker, against mosquitto_sub: bench_data_broker (bench/data_broker.cpp).
#include <benchmark/benchmark.h>

#include "data/ingestor.h"
#include "data/payload_parser.h"

using namespace pt::data;

namespace {

std::vector<std::string> makeMessages(int messages, int perBatch) {
    std::vector<std::string> out;
    char id[64];
    for (int m = 0; m < messages; ++m) {
        std::vector<Sample> batch;
        for (int i = 0; i < perBatch; ++i) {
            std::snprintf(id, sizeof id, "gm/A%d/F%d/U%d", i % 12, (i / 12) % 20, m * perBatch + i);
            batch.push_back({id, Channel::Power, double(i), 0});
        }
        out.push_back(encodeBatch(batch, 1000 + m));
    }
    return out;
}

void BM_ParseQueueDrain(benchmark::State& state) {
    const auto messages = makeMessages(20, 500);
    TelemetryStore store;
    ManualClock clock(1'000'000);
    Ingestor ingest(store, clock);
    std::vector<Sample> parsed;
    for (auto _ : state) {
        for (const std::string& payload : messages) {
            parsed.clear();
            parseMessage(kBatchTopic, payload, 0, parsed, ingest.stats());
            ingest.queue().push(parsed);
        }
        ingest.drain();
        clock.advance(1);
    }
    state.SetItemsProcessed(state.iterations() * 20 * 500);
}

}  // namespace

BENCHMARK(BM_ParseQueueDrain)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
