#include <catch2/catch.hpp>

#include "viewer/presentation.h"

using namespace pt::viewer;
using Cue = CalloutDirector::Cue;
using Phase = CalloutDirector::Phase;

namespace {

Callout alert(uint64_t id, int level, const char* entity = "gm/A3") {
    return Callout{
        .alertId = id, .entityId = entity, .title = entity, .detail = "", .level = level};
}

}  // namespace

TEST_CASE("A call-out flies to the alert, holds, flies back, then waits a quiet gap",
          "[presentation]") {
    CalloutDirector director({.flySeconds = 2, .holdSeconds = 8, .minGapSeconds = 20});
    CHECK(director.update(0.0) == Cue::None);
    director.offer(alert(1, 2));
    CHECK(director.update(1.0) == Cue::FlyToAlert);
    REQUIRE(director.current() != nullptr);
    CHECK(director.current()->alertId == 1);
    CHECK(director.phase() == Phase::FlyingTo);
    CHECK(director.phaseProgress(2.0) == Approx(0.5));
    CHECK(director.update(2.9) == Cue::None);
    CHECK(director.update(3.0) == Cue::None);
    CHECK(director.phase() == Phase::Holding);
    CHECK(director.update(10.9) == Cue::None);
    CHECK(director.update(11.0) == Cue::FlyBack);
    CHECK(director.phase() == Phase::FlyingBack);
    CHECK(director.update(13.0) == Cue::Finished);
    CHECK_FALSE(director.active());
    CHECK(director.current() == nullptr);

    director.offer(alert(2, 2));
    CHECK(director.update(20.0) == Cue::None);  // quiet gap: 20 s after the end at 13 s
    CHECK(director.update(33.0) == Cue::FlyToAlert);
    CHECK(director.current()->alertId == 2);
}

TEST_CASE("Call-outs come most severe first, repeats are ignored, the queue is bounded",
          "[presentation]") {
    CalloutDirector director(
        {.flySeconds = 1, .holdSeconds = 1, .minGapSeconds = 0, .maxQueued = 3});
    director.offer(alert(1, 1));
    director.offer(alert(2, 3));
    director.offer(alert(2, 3));  // the same alert again
    director.offer(alert(3, 2));
    CHECK(director.queued() == 3);
    director.offer(alert(4, 2));  // over the bound: the least severe (1) is dropped
    CHECK(director.queued() == 3);

    std::vector<uint64_t> shown;
    double t = 0;
    for (int i = 0; i < 100 && (director.active() || director.queued() > 0); ++i, t += 0.5)
        if (director.update(t) == Cue::FlyToAlert) shown.push_back(director.current()->alertId);
    CHECK(shown == std::vector<uint64_t>{2, 3, 4});
}

TEST_CASE("A withdrawn alert is not shown, one being shown finishes", "[presentation]") {
    CalloutDirector director({.flySeconds = 1, .holdSeconds = 1, .minGapSeconds = 0});
    director.offer(alert(1, 2));
    director.offer(alert(2, 2));
    CHECK(director.update(0) == Cue::FlyToAlert);
    director.withdraw(1);  // showing: goes on
    director.withdraw(2);  // waiting: dropped
    CHECK(director.queued() == 0);
    CHECK(director.update(1) == Cue::None);
    CHECK(director.update(2) == Cue::FlyBack);
    CHECK(director.update(3) == Cue::Finished);
    CHECK(director.update(4) == Cue::None);
}

TEST_CASE("Ticker items read in both languages and never show a missing figure as a number",
          "[presentation]") {
    TickerFigures f{.peopleOnSite = 1234,
                    .capacity = 5000,
                    .powerKw = 15600,
                    .energyTodayKwh = std::nullopt,
                    .vacancy = 0.125,
                    .chargersInUse = 30,
                    .chargersFaulted = 2,
                    .chargers = 64,
                    .dronesAirborne = 3,
                    .drones = 8,
                    .openAlerts = 4};
    auto en = tickerItems(f, false);
    REQUIRE(en.size() == 8);
    CHECK(en[0].label == "On site");
    CHECK(en[0].value == "1234 people / 5000 capacity");
    CHECK(en[1].value == "15.6k kW");
    CHECK(en[2].value == "—");
    CHECK(en[3].value == "12.5 %");
    CHECK(en[4].value == "30 / 64");
    CHECK(en[5].label == "Chargers faulted");
    CHECK(en[5].warning);
    CHECK(en[7].value == "4");
    CHECK(en[7].warning);

    auto zh = tickerItems(f, true);
    CHECK(zh[0].label == "在园人数");
    CHECK(zh[0].value == "1234 人 / 5000 人");
    f.chargersFaulted = 0;
    f.openAlerts = 0;
    auto calm = tickerItems(f, true);
    CHECK(calm.size() == 7);
    CHECK_FALSE(calm.back().warning);
}

TEST_CASE("Ticker offset wraps seamlessly", "[presentation]") {
    CHECK(tickerOffset(0, 100, 1000) == 0.0f);
    CHECK(tickerOffset(2.5, 100, 1000) == Approx(250.0f));
    CHECK(tickerOffset(12.5, 100, 1000) == Approx(250.0f));
    CHECK(tickerOffset(5, 100, 0) == 0.0f);
}
