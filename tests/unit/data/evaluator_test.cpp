#include <catch2/catch.hpp>

#include "data/overlay_evaluator.h"
#include "data/time_cursor.h"
#include "test_paths.h"

using namespace pt::data;

namespace {
RuleSet loadDefaults() {
    auto r = RuleSet::load(pt::test::sourceDir() / "assets/rules/default.json");
    if (!r.ok()) FAIL(r.error().message);
    return std::move(*r);
}

struct Fixture {
    RuleSet rules = loadDefaults();
    TelemetryStore store;
    AlertLog alerts{100};
    OverlayEvaluator eval{rules, alerts};
    std::vector<EntityVisualState> states;
    EntityKey unit, unit2, charger, floorKey;

    Fixture() {
        unit = store.ensureEntity("gm/A1/F1/U1");
        unit2 = store.ensureEntity("gm/A1/F1/U2");
        charger = store.ensureEntity("gm/ev/P1/C01");
        floorKey = store.find("gm/A1/F1");
        store.setCapacity(unit, 10);
        store.setCapacity(unit2, 10);
        states.resize(4);
        eval.setEntities({unit, unit2, charger, floorKey}, store);
        eval.setActiveLayer("occupancy", store);
    }
    size_t update(int64_t t) { return eval.update(store, t, true, states); }
};
}  // namespace

TEST_CASE("evaluator: colours by layer, categories, no data, caller flags kept",
          "[data][evaluator]") {
    Fixture f;
    f.states[0].flags = VisualFlag::kSelected;
    REQUIRE(f.store.apply(f.unit, Channel::Occupancy, 5.0, 1000));
    REQUIRE(f.store.apply(f.charger, Channel::Status, std::string("Charging"), 1000));
    f.update(2000);
    const Rule& occ = *f.rules.find("occupancy-ratio");
    CHECK(f.states[0].rgba == occ.ramp.sample(0.5));
    CHECK(f.states[0].value == Approx(0.5f));
    CHECK(f.states[0].flags == VisualFlag::kSelected);
    CHECK(f.states[1].flags == VisualFlag::kNoData);
    CHECK(f.states[1].rgba == kNoDataColor);
    CHECK(f.states[2].rgba == packRgba(0x1f, 0x6f, 0xd1));  // Charging blue, always on
    CHECK(f.states[3].value == Approx(0.25f));              // floor: 5 of 20 people
    CHECK(f.eval.label(f.store, 0, 2000) == "50 %");

    f.eval.setActiveLayer("power", f.store);
    f.update(2000);
    CHECK(f.states[0].flags == (VisualFlag::kSelected | VisualFlag::kNoData));
    CHECK(f.states[2].rgba == packRgba(0x1f, 0x6f, 0xd1));
}

TEST_CASE("evaluator: only changed entities are re-evaluated, stale turns grey on time",
          "[data][evaluator]") {
    Fixture f;
    REQUIRE(f.store.apply(f.unit, Channel::Occupancy, 5.0, 1000));
    CHECK(f.update(1000) == 4);  // first pass: everything
    CHECK(f.update(1500) == 0);  // nothing changed, nothing expired
    REQUIRE(f.store.apply(f.unit2, Channel::Occupancy, 2.0, 1600));
    CHECK(f.update(1700) == 2);  // unit2 and its floor
    const int64_t staleAt = 1000 + f.rules.find("occupancy-ratio")->staleAfterMs + 1;
    CHECK(f.update(staleAt - 1) == 0);
    CHECK(f.update(staleAt) == 2);  // unit 1 and the floor whose oldest part is unit 1
    CHECK((f.states[0].flags & VisualFlag::kStale) != 0);
    CHECK(f.states[0].rgba == kStaleColor);
    CHECK((f.states[1].flags & VisualFlag::kStale) == 0);
}

TEST_CASE("evaluator: alerts raise, hold, clear, faults are critical", "[data][evaluator]") {
    Fixture f;
    REQUIRE(f.store.apply(f.unit, Channel::Occupancy, 10.5, 1000));  // 105 %
    f.update(1000);
    REQUIRE(f.alerts.activeCount() == 1);
    const Alert* a = f.alerts.findActive("gm/A1/F1/U1", "occupancy-ratio");
    REQUIRE(a);
    CHECK(a->level == AlertLevel::Warning);
    CHECK(a->value == "105 %");
    CHECK(a->raisedMs == 1000);
    CHECK(((f.states[0].flags & VisualFlag::kAlertMask) >> VisualFlag::kAlertShift) ==
          uint32_t(AlertLevel::Warning));
    CHECK((f.states[0].flags & VisualFlag::kAlertUnacknowledged) != 0);
    f.alerts.acknowledge(a->id);
    REQUIRE(f.store.apply(f.unit, Channel::Occupancy, 9.7, 2000));  // inside the hysteresis band
    f.update(2000);
    CHECK(f.alerts.activeCount() == 1);
    CHECK((f.states[0].flags & VisualFlag::kAlertUnacknowledged) == 0);
    REQUIRE(f.store.apply(f.unit, Channel::Occupancy, 9.0, 3000));
    f.update(3000);
    CHECK(f.alerts.activeCount() == 0);
    CHECK(f.alerts.entries().back().clearedMs == 3000);

    REQUIRE(f.store.apply(f.charger, Channel::Status, std::string("Faulted"), 4000));
    f.update(4000);
    const Alert* fault = f.alerts.findActive("gm/ev/P1/C01", "charger-status");
    REQUIRE(fault);
    CHECK(fault->level == AlertLevel::Critical);
    CHECK(f.states[2].rgba == packRgba(0xd6, 0x28, 0x28));
}

TEST_CASE("evaluator: scrubbing shows the state at the cursor", "[data][evaluator][time]") {
    Fixture f;
    ManualClock clock(10'000);
    TimeCursor cursor(clock);
    REQUIRE(f.store.apply(f.unit, Channel::Occupancy, 2.0, 1000));
    REQUIRE(f.store.apply(f.unit, Channel::Occupancy, 8.0, 9000));
    f.eval.update(f.store, cursor.cursorMs(), cursor.isLive(), f.states);
    CHECK(f.states[0].value == Approx(0.8f));
    cursor.scrubTo(5000);
    f.eval.update(f.store, cursor.cursorMs(), cursor.isLive(), f.states);
    CHECK(f.states[0].value == Approx(0.2f));
    cursor.scrubTo(500);  // before the first sample
    f.eval.update(f.store, cursor.cursorMs(), cursor.isLive(), f.states);
    CHECK(f.states[0].flags == VisualFlag::kNoData);
}

TEST_CASE("time cursor: live, pause, scrub, playback catching up", "[data][time]") {
    ManualClock clock(100'000);
    TimeCursor cursor(clock);
    CHECK(cursor.cursorMs() == 100'000);
    clock.advance(1000);
    CHECK(cursor.cursorMs() == 101'000);
    cursor.pause();
    clock.advance(5000);
    CHECK(cursor.cursorMs() == 101'000);
    cursor.scrubTo(200'000);  // clamped to now
    CHECK(cursor.cursorMs() == 106'000);
    cursor.setEarliest(50'000);
    cursor.scrubTo(0);
    CHECK(cursor.cursorMs() == 50'000);
    cursor.play(10);
    clock.advance(1000);
    CHECK(cursor.cursorMs() == 60'000);
    CHECK(cursor.mode() == TimeCursor::Mode::Playing);
    clock.advance(10'000);  // cursor would pass now: live again
    CHECK(cursor.cursorMs() == clock.nowMs());
    CHECK(cursor.isLive());
}

TEST_CASE("alert log: bounded, drops cleared first, escalation needs a new ack", "[data][alerts]") {
    AlertLog log(3);
    const uint64_t a = log.raise("e1", "r", AlertLevel::Warning, "1", 1);
    log.raise("e2", "r", AlertLevel::Warning, "1", 2);
    log.clear("e2", "r", 3);
    log.raise("e3", "r", AlertLevel::Info, "1", 4);
    log.raise("e4", "r", AlertLevel::Info, "1", 5);
    CHECK(log.entries().size() == 3);
    CHECK(log.findActive("e1", "r"));  // the cleared e2 went first
    CHECK(log.activeCount() == 3);
    CHECK(log.acknowledge(a));
    CHECK(log.raise("e1", "r", AlertLevel::Critical, "2", 6) == a);
    CHECK_FALSE(log.findActive("e1", "r")->acknowledged);
    CHECK_FALSE(log.acknowledge(999));
}

TEST_CASE("visual state layout is what the renderer uploads", "[data][evaluator]") {
    CHECK(sizeof(EntityVisualState) == 16);
    CHECK(offsetof(EntityVisualState, rgba) == 0);
    CHECK(offsetof(EntityVisualState, rule) == 12);
}
