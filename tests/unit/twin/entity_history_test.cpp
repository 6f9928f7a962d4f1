#include <catch2/catch.hpp>

#include "twin/entity_history.h"
#include "twin/kpi.h"

using namespace pt;
using data::Channel;
using twin::HistoryQuantity;
using twin::sampleHistory;

namespace {

constexpr int64_t kMinute = 60'000;
// 2025-01-01T04:00:00Z = 12:00 in China (UTC+8).
constexpr int64_t kNow = 1735704000000;

struct Store {
    data::TelemetryStore store;
    data::EntityKey floor = store.ensureEntity("gm/A/F1");
    data::EntityKey u0 = store.ensureEntity("gm/A/F1/U0");
    data::EntityKey u1 = store.ensureEntity("gm/A/F1/U1");

    void put(data::EntityKey key, Channel channel, double value, int64_t ts) {
        REQUIRE(store.apply(key, channel, value, ts));
    }
};

}  // namespace

TEST_CASE("history of a floor sums its units at each sample time", "[history]") {
    Store s;
    // Power over the last 10 minutes: U0 10 kW then 30 kW from -5 min; U1 5 kW throughout.
    s.put(s.u0, Channel::Power, 10, kNow - 10 * kMinute);
    s.put(s.u1, Channel::Power, 5, kNow - 10 * kMinute);
    s.put(s.u0, Channel::Power, 30, kNow - 5 * kMinute);
    const auto h =
        sampleHistory(s.store, s.floor, HistoryQuantity::Power, kNow - 10 * kMinute, kNow, 11);
    REQUIRE(h.values.size() == 11);
    CHECK(h.fromMs == kNow - 10 * kMinute);
    CHECK(h.toMs == kNow);
    CHECK(h.values.front() == Approx(15));
    CHECK(h.values[4] == Approx(15));  // -6 min
    CHECK(h.values[5] == Approx(35));  // -5 min
    CHECK(h.values.back() == Approx(35));
    CHECK(h.min == Approx(15));
    CHECK(h.max == Approx(35));
}

TEST_CASE("history starts where the data starts", "[history]") {
    Store s;
    // Data only for the last 2 minutes of a 60-minute window.
    s.put(s.u0, Channel::Occupancy, 4, kNow - 2 * kMinute);
    s.put(s.u0, Channel::Occupancy, 8, kNow - kMinute);
    const auto h =
        sampleHistory(s.store, s.u0, HistoryQuantity::Occupancy, kNow - 60 * kMinute, kNow, 5);
    REQUIRE(h.values.size() == 5);
    CHECK(h.fromMs == kNow - 2 * kMinute);  // found exactly by the bisection
    CHECK(h.values == std::vector<float>{4, 4, 8, 8, 8});
}

TEST_CASE("energy history is today's consumption", "[history]") {
    Store s;
    // Counter: 1000 kWh before midnight (local), 1100 at -60 min, 1160 at now.
    const int64_t midnight = twin::localMidnightMs(kNow, 8 * 60);
    s.put(s.u0, Channel::Energy, 1000, midnight - kMinute);
    s.put(s.u0, Channel::Energy, 1100, kNow - 60 * kMinute);
    s.put(s.u0, Channel::Energy, 1160, kNow);
    const auto h = sampleHistory(s.store, s.floor, HistoryQuantity::EnergyToday,
                                 kNow - 120 * kMinute, kNow, 3);
    REQUIRE(h.values.size() == 3);
    CHECK(h.values[0] == Approx(0));    // -120 min: still 1000
    CHECK(h.values[1] == Approx(100));  // -60 min
    CHECK(h.values[2] == Approx(160));
}

TEST_CASE("no data, an unknown entity or a bad window give an empty series", "[history]") {
    Store s;
    CHECK(sampleHistory(s.store, s.floor, HistoryQuantity::Power, kNow - kMinute, kNow, 10)
              .values.empty());
    s.put(s.u0, Channel::Power, 1, kNow);
    CHECK(sampleHistory(s.store, data::kNoEntity, HistoryQuantity::Power, kNow - kMinute, kNow, 10)
              .values.empty());
    CHECK(sampleHistory(s.store, s.u0, HistoryQuantity::Power, kNow, kNow, 10).values.empty());
    CHECK(sampleHistory(s.store, s.u0, HistoryQuantity::Power, kNow - 1, kNow, 1).values.empty());
    CHECK(sampleHistory(s.store, s.u0, HistoryQuantity::Power, kNow - kMinute, kNow, 2).values ==
          std::vector<float>{1, 1});
}
