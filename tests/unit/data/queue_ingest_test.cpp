#include <catch2/catch.hpp>
#include <cmath>
#include <thread>

#include "data/ingestor.h"

using namespace pt::data;

TEST_CASE("queue: many producers, one consumer, nothing lost or duplicated", "[data][queue]") {
    IngestStats stats;
    IngestQueue queue(1u << 20, &stats);
    constexpr int kThreads = 4, kPerThread = 20000;
    std::vector<std::thread> producers;
    for (int t = 0; t < kThreads; ++t) {
        producers.emplace_back([&, t] {
            std::vector<Sample> batch;
            for (int i = 0; i < kPerThread; ++i) {
                batch.push_back(Sample{"gm/T" + std::to_string(t), Channel::Power, double(i), i});
                if (batch.size() == 100) {
                    queue.push(batch);
                    batch.clear();
                }
            }
        });
    }
    std::vector<int> next(kThreads, 0);
    std::vector<Sample> drained;
    size_t total = 0;
    bool ordered = true;
    auto consume = [&] {
        queue.drain(drained);
        for (const Sample& s : drained) {
            const int t = s.entity[4] - '0';
            ordered = ordered && s.tsMs == next[t]++;
        }
        total += drained.size();
    };
    while (total < size_t(kThreads * kPerThread)) {
        consume();
        if (total < size_t(kThreads * kPerThread)) std::this_thread::yield();
    }
    for (auto& p : producers)
        p.join();
    consume();
    CHECK(total == size_t(kThreads * kPerThread));
    CHECK(ordered);  // per-producer order is preserved
    CHECK(stats.rejectedTotal() == 0);
}

TEST_CASE("queue: overflow drops and counts", "[data][queue]") {
    IngestStats stats;
    IngestQueue queue(10, &stats);
    std::vector<Sample> batch(15, Sample{"gm/A", Channel::Power, 1.0, 1});
    CHECK(queue.push(batch) == 10);
    CHECK(stats.rejected(RejectKind::QueueFull) == 5);
    CHECK(queue.size() == 10);
}

TEST_CASE("ingestor: out-of-order, future, unknown entities are counted, not applied",
          "[data][ingest]") {
    TelemetryStore store;
    ManualClock clock(1'000'000);
    Ingestor ingest(
        store, clock,
        IngestOptions{.entityValidator = [](std::string_view id) { return id.starts_with("gm/"); },
                      .maxFutureSkewMs = 5000});
    std::vector<Sample> in = {
        {"gm/A1/F1/U1", Channel::Power, 10.0, 999'000},
        {"gm/A1/F1/U1", Channel::Power, 9.0, 998'000},              // older: out of order
        {"gm/A1/F1/U1", Channel::Power, 11.0, 1'000'000 + 60'000},  // future
        {"xx/A1", Channel::Power, 11.0, 999'000},                   // unknown entity
        {"not valid/", Channel::Power, 11.0, 999'000},              // bad id from a non-MQTT source
        {"gm/A1/F1/U1", Channel::Power, 12.0, 999'500},
    };
    ingest.queue().push(in);
    CHECK(ingest.drain() == 2);
    const EntityKey key = store.find("gm/A1/F1/U1");
    REQUIRE(key != kNoEntity);
    CHECK(std::get<double>(store.latest(key, Channel::Power)->value) == 12.0);
    CHECK(ingest.stats().rejected(RejectKind::OutOfOrder) == 1);
    CHECK(ingest.stats().rejected(RejectKind::FutureTimestamp) == 1);
    CHECK(ingest.stats().rejected(RejectKind::UnknownEntity) == 1);
    CHECK(ingest.stats().rejected(RejectKind::BadTopic) == 1);
    CHECK(store.find("xx/A1") == kNoEntity);
    CHECK(ingest.stats().accepted() == 2);
}

TEST_CASE("ingestor: a value of the wrong type from a non-MQTT source is counted, not applied",
          "[data][ingest]") {
    TelemetryStore store;
    ManualClock clock(1'000'000);
    Ingestor ingest(store, clock);
    std::vector<Sample> in = {
        {"gm/A1", Channel::Power, std::string("Charging"), 999'000},
        {"gm/A1", Channel::Status, 3.0, 999'000},
        {"gm/A1", Channel::Status, std::string("Charging"), 999'000},
    };
    ingest.queue().push(in);
    CHECK(ingest.drain() == 1);
    CHECK(ingest.stats().rejected(RejectKind::WrongType) == 2);
    CHECK(ingest.stats().rejected(RejectKind::OutOfOrder) == 0);
    const EntityKey key = store.find("gm/A1");
    REQUIRE(key != kNoEntity);
    CHECK_FALSE(store.latest(key, Channel::Power));
    CHECK(std::get<std::string>(store.latest(key, Channel::Status)->value) == "Charging");
}
