#include <algorithm>

#include <catch2/catch.hpp>

#include "data/telemetry_store.h"

using namespace pt::data;

TEST_CASE("store: entity tree from ids", "[data][store]") {
    TelemetryStore store;
    const EntityKey unit = store.ensureEntity("gm/A3/F12/U1203");
    CHECK(store.entityCount() == 4);
    const EntityKey floor = store.find("gm/A3/F12");
    CHECK(store.parentOf(unit) == floor);
    CHECK(store.idOf(store.parentOf(store.parentOf(floor))) == "gm");
    CHECK(store.ensureEntity("gm/A3/F12/U1203") == unit);
    CHECK(store.childrenOf(floor).size() == 1);
}

TEST_CASE("store: latest, history ring and valueAt", "[data][store]") {
    TelemetryStore store(
        HistoryConfig{.fineDepth = 5, .coarseResolutionMs = 100, .coarseDepth = 4});
    const EntityKey e = store.ensureEntity("gm/A1");
    for (int i = 0; i < 20; ++i)
        REQUIRE(store.apply(e, Channel::Power, double(i), i * 30));
    CHECK(std::get<double>(store.latest(e, Channel::Power)->value) == 19);
    CHECK(store.numberAt(e, Channel::Power, 10'000) == 19.0);
    // Fine ring holds ts 450..570 (i=15..19).
    CHECK(store.numberAt(e, Channel::Power, 545) == 18.0);
    CHECK(store.numberAt(e, Channel::Power, 450) == 15.0);
    // Coarse ring: last value per 100 ms bucket, 4 buckets: 200s (i=9 @270), 300s (i=13 @390),
    // 400s, 500s.
    CHECK(store.numberAt(e, Channel::Power, 420) == 13.0);
    CHECK(store.numberAt(e, Channel::Power, 299) == 9.0);
    CHECK_FALSE(store.numberAt(e, Channel::Power, 100).has_value());  // older than the history
    CHECK_FALSE(store.apply(e, Channel::Power, 1.0, 10));             // out of order
    CHECK(std::get<double>(store.latest(e, Channel::Power)->value) == 19);
}

TEST_CASE("store: staleness", "[data][store]") {
    TelemetryStore store;
    const EntityKey e = store.ensureEntity("gm/A1");
    CHECK(store.isStale(e, Channel::Power, 0, 1000));  // nothing received
    REQUIRE(store.apply(e, Channel::Power, 1.0, 10'000));
    CHECK_FALSE(store.isStale(e, Channel::Power, 11'000, 1000));
    CHECK(store.isStale(e, Channel::Power, 11'001, 1000));
}

TEST_CASE("store: aggregation up the tree, ratios, vacancy, energy today", "[data][store]") {
    TelemetryStore store;
    const EntityKey u1 = store.ensureEntity("gm/A1/F1/U1");
    const EntityKey u2 = store.ensureEntity("gm/A1/F1/U2");
    const EntityKey u3 = store.ensureEntity("gm/A1/F2/U3");
    const EntityKey b = store.find("gm/A1");
    const EntityKey f1 = store.find("gm/A1/F1");
    store.setCapacity(u1, 10);
    store.setCapacity(u2, 30);
    store.setCapacity(u3, 40);
    store.setLease(u1, LeaseState::Leased, 100);
    store.setLease(u2, LeaseState::Vacant, 300);
    store.setLease(u3, LeaseState::Leased, 600);
    REQUIRE(store.apply(u1, Channel::Occupancy, 5.0, 100));
    REQUIRE(store.apply(u2, Channel::Occupancy, 0.0, 100));
    REQUIRE(store.apply(u3, Channel::Occupancy, 20.0, 50));
    CHECK(store.aggregate(f1, Channel::Occupancy, 200).sum == 5);
    const Aggregate all = store.aggregate(b, Channel::Occupancy, 200);
    CHECK(all.sum == 25);
    CHECK(all.sources == 3);
    CHECK(all.oldestTsMs == 50);
    CHECK(store.capacity(b) == 80);
    CHECK(*store.occupancyRatio(b, 200) == Approx(25.0 / 80.0));
    CHECK(*store.vacancy(b).rate() == Approx(0.3));
    CHECK(store.vacancy(f1).vacantUnits == 1);

    // A floor meter measures its floor: the units under it are not added again.
    REQUIRE(store.apply(u1, Channel::Power, 3.0, 100));
    REQUIRE(store.apply(u3, Channel::Power, 4.0, 100));
    CHECK(store.aggregate(b, Channel::Power, 200).sum == 7);
    REQUIRE(store.apply(f1, Channel::Power, 50.0, 100));
    CHECK(store.aggregate(b, Channel::Power, 200).sum == 54);

    // Energy today: counter at "now" minus counter at midnight, summed.
    REQUIRE(store.apply(u1, Channel::Energy, 1000.0, 900));
    REQUIRE(store.apply(u1, Channel::Energy, 1010.0, 1100));
    REQUIRE(store.apply(u1, Channel::Energy, 1025.0, 1500));
    REQUIRE(store.apply(u3, Channel::Energy, 5.0, 1200));
    REQUIRE(store.apply(u3, Channel::Energy, 7.0, 1400));
    CHECK(*store.deltaSince(u1, Channel::Energy, 1000, 1600) == 25);
    CHECK(*store.deltaSince(b, Channel::Energy, 1000, 1600) == 27);
    CHECK(*store.deltaSince(b, Channel::Energy, 1000, 1300) == 10);
}

TEST_CASE("store: changed() lists each changed entity and its ancestors once", "[data][store]") {
    TelemetryStore store;
    const EntityKey u1 = store.ensureEntity("gm/A1/F1/U1");
    store.clearChanged();
    REQUIRE(store.apply(u1, Channel::Power, 1.0, 1));
    REQUIRE(store.apply(u1, Channel::Power, 2.0, 2));
    CHECK(store.changed().size() == 4);  // unit, floor, building, park
    store.clearChanged();
    REQUIRE(store.apply(u1, Channel::Status, std::string("Available"), 3));
    CHECK(store.changed().size() == 1);  // not summable: no aggregate changed
}

TEST_CASE("store: changed() after a non-summable then a summable change of one entity",
          "[data][store]") {
    TelemetryStore store;
    const EntityKey u1 = store.ensureEntity("gm/A1/F1/U1");
    const EntityKey u2 = store.ensureEntity("gm/A1/F1/U2");
    store.clearChanged();
    REQUIRE(store.apply(u1, Channel::Temperature, 21.0, 1));  // u1 only
    REQUIRE(store.apply(u1, Channel::Power, 2.0, 1));         // now its ancestors too
    REQUIRE(store.apply(u2, Channel::Power, 3.0, 1));         // ancestors already listed
    CHECK(store.changed().size() == 5);
    std::vector<EntityKey> sorted = store.changed();
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    store.clearChanged();
    CHECK(store.changed().empty());
    REQUIRE(store.apply(u2, Channel::Power, 4.0, 2));
    CHECK(store.changed().size() == 4);
}

TEST_CASE("store: a value of the wrong kind for its channel is refused", "[data][store]") {
    TelemetryStore store;
    const EntityKey e = store.ensureEntity("gm/A1");
    CHECK_FALSE(store.apply(e, Channel::Power, std::string("Charging"), 1));
    CHECK_FALSE(store.apply(e, Channel::Status, 3.0, 1));
    CHECK_FALSE(store.applyNumber(e, Channel::State, 1.0, 1));
    CHECK_FALSE(store.apply(e, Channel::Pose, std::string("Idle"), 1));
    CHECK_FALSE(store.latest(e, Channel::Power));
    CHECK_FALSE(store.latest(e, Channel::Status));
    CHECK(store.changed().empty());
    REQUIRE(store.apply(e, Channel::Status, std::string("Charging"), 2));
    REQUIRE(store.apply(e, Channel::Pose, Pose{1, 2, 3, 90}, 2));
    CHECK(std::get<std::string>(store.latest(e, Channel::Status)->value) == "Charging");
    CHECK(std::get<Pose>(store.latest(e, Channel::Pose)->value) == Pose{1, 2, 3, 90});
    CHECK_FALSE(store.numberAt(e, Channel::Status, 2).has_value());
}

TEST_CASE("store: enum history by time, fine then coarse", "[data][store]") {
    TelemetryStore store(
        HistoryConfig{.fineDepth = 3, .coarseResolutionMs = 100, .coarseDepth = 3});
    const EntityKey e = store.ensureEntity("gm/ev/C1");
    const char* states[] = {"Available", "Preparing", "Charging", "Finishing"};
    for (int i = 0; i < 12; ++i)  // ts 0, 40, ..., 440
        REQUIRE(store.apply(e, Channel::Status, std::string(states[i % 4]), i * 40));
    CHECK(std::get<std::string>(store.valueAt(e, Channel::Status, 10'000)->value) == "Finishing");
    // Fine: i = 9..11 (360, 400, 440).
    CHECK(std::get<std::string>(store.valueAt(e, Channel::Status, 399)->value) == "Preparing");
    CHECK(store.valueAt(e, Channel::Status, 399)->tsMs == 360);
    // Coarse: buckets 200s (i=7 @280), 300s (i=9 @360), 400s (current).
    CHECK(std::get<std::string>(store.valueAt(e, Channel::Status, 300)->value) == "Finishing");
    CHECK_FALSE(store.valueAt(e, Channel::Status, 199).has_value());
    CHECK(store.isStale(e, Channel::Status, 199, 1'000));
    CHECK_FALSE(store.isStale(e, Channel::Status, 300, 1'000));
}

TEST_CASE("store: numeric history with no full-rate ring, and with a one-bucket coarse ring",
          "[data][store]") {
    TelemetryStore coarseOnly(
        HistoryConfig{.fineDepth = 0, .coarseResolutionMs = 100, .coarseDepth = 3});
    TelemetryStore fineOnly(
        HistoryConfig{.fineDepth = 4, .coarseResolutionMs = 100, .coarseDepth = 1});
    const EntityKey a = coarseOnly.ensureEntity("gm/A1");
    const EntityKey b = fineOnly.ensureEntity("gm/A1");
    for (int i = 0; i < 12; ++i) {  // ts 0, 40, ..., 440
        REQUIRE(coarseOnly.apply(a, Channel::Power, double(i), i * 40));
        REQUIRE(fineOnly.apply(b, Channel::Power, double(i), i * 40));
    }
    // Buckets 200s (last i=7 @280) and 300s (i=9 @360) completed; 400s is the latest.
    CHECK(coarseOnly.numberAt(a, Channel::Power, 439) == 9.0);
    CHECK(coarseOnly.numberAt(a, Channel::Power, 300) == 7.0);
    CHECK_FALSE(coarseOnly.numberAt(a, Channel::Power, 279).has_value());
    CHECK(coarseOnly.numberAt(a, Channel::Power, 440) == 11.0);
    // Fine only: i = 8..11 (320..440); nothing before.
    CHECK(fineOnly.numberAt(b, Channel::Power, 330) == 8.0);
    CHECK_FALSE(fineOnly.numberAt(b, Channel::Power, 319).has_value());
    // Delta since a time before the history: the first sample kept is the baseline.
    CHECK(*coarseOnly.deltaSince(a, Channel::Power, 0, 440) == 11.0 - 7.0);
    CHECK(*fineOnly.deltaSince(b, Channel::Power, 0, 440) == 11.0 - 8.0);
}

TEST_CASE("store: numeric history costs 16 bytes a sample", "[data][store]") {
    TelemetryStore store(
        HistoryConfig{.fineDepth = 16, .coarseResolutionMs = 1000, .coarseDepth = 64});
    const EntityKey e = store.ensureEntity("gm/A1");
    CHECK(store.historyBytes() == 0);
    for (int i = 0; i < 256; ++i)  // all in one bucket: the coarse ring stays empty
        REQUIRE(store.apply(e, Channel::Power, double(i), i));
    CHECK(store.historyBytes() == 16 * 16);
    for (int i = 0; i < 100; ++i)  // 100 new buckets: the last 63 completed ones are kept
        REQUIRE(store.apply(e, Channel::Power, double(i), 1000 * (i + 1)));
    CHECK(store.historyBytes() == 16 * 16 + 63 * 16);
    CHECK(store.numberAt(e, Channel::Power, 40'500) == 39.0);  // from the coarse ring
    CHECK(store.numberAt(e, Channel::Power, 37'000) == 36.0);
    CHECK_FALSE(store.numberAt(e, Channel::Power, 36'999).has_value());
    CHECK(store.numberAt(e, Channel::Power, 90'500) == 89.0);  // from the fine ring
}
