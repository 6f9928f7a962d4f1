#include <catch2/catch.hpp>

#include "test_park.h"
#include "twin/kpi.h"

using namespace pt;
using data::Channel;
using park::EntityIndex;
using twin::test::TwoBuildingPark;

namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
// 2025-01-01T04:00:00Z = 12:00 in China (UTC+8); local midnight is 2024-12-31T16:00Z.
constexpr int64_t kNow = 1735704000000;
constexpr int64_t kMidnight = kNow - 12 * kHour;

struct KpiFixture {
    TwoBuildingPark t;
    data::TelemetryStore store;
    data::AlertLog alerts;
    std::vector<EntityIndex> chargers;
    std::vector<EntityIndex> drones;

    KpiFixture() {
        park::Portfolio& p = t.scene.portfolio;
        // Leases: the first unit of every floor is let (600 m2, 10 people); the second is vacant
        // with 400 m2, except A/F1/U1 which is reserved (counts as let).
        for (int b = 0; b < 2; ++b)
            for (int k = 0; k < 3; ++k) {
                park::Unit& let = p.unit(t.units[b][k][0]);
                let.lease = park::LeaseStatus::Leased;
                let.capacity = 10;
                let.tenant = b == 0 ? "BYD" : "CATL";
                park::Unit& other = p.unit(t.units[b][k][1]);
                other.area = 400;
                other.capacity = 5;
            }
        p.unit(t.units[0][0][1]).lease = park::LeaseStatus::Reserved;
        p.unit(t.units[0][0][1]).tenant = "Mindray";

        const EntityIndex ev = *p.addZone(t.park, "gm/ev/P1", "EV", {park::EvAreaShape{{}, 5}});
        for (const char* c : {"C1", "C2", "C3", "C4", "C5", "C6"})
            chargers.push_back(*p.addDevice(ev, std::string("gm/ev/P1/") + c, "",
                                            {.kind = park::DeviceKind::Charger}));
        for (const char* d : {"D1", "D2", "D3", "D4"})
            drones.push_back(*p.addDevice(t.park, std::string("gm/drone/") + d, "",
                                          {.kind = park::DeviceKind::Drone}));
    }

    void put(std::string_view id, Channel channel, data::Value value, int64_t ts = kNow - kMinute) {
        REQUIRE(store.apply(store.ensureEntity(id), channel, std::move(value), ts));
    }
    twin::Kpis kpis(EntityIndex scope = park::kNoEntity) const {
        return twin::computeKpis(t.scene.portfolio, scope, store, &alerts, kNow);
    }
};

}  // namespace

TEST_CASE("local midnight honours the UTC offset", "[kpi]") {
    CHECK(twin::localMidnightMs(kNow, 8 * 60) == kMidnight);
    CHECK(twin::localMidnightMs(kNow, 0) == kNow - 4 * kHour);
    CHECK(twin::localMidnightMs(kMidnight, 8 * 60) == kMidnight);
    CHECK(twin::localMidnightMs(kMidnight - 1, 8 * 60) == kMidnight - 24 * kHour);
    CHECK(twin::localMidnightMs(-1, 0) == -24 * kHour);
}

TEST_CASE("vacancy by area and by count, and capacity, come from the model", "[kpi]") {
    KpiFixture f;
    const twin::Kpis all = f.kpis();
    CHECK(all.units == 12);
    CHECK(all.vacantUnits == 5);  // A/F1/U1 is reserved
    CHECK(all.areaM2 == Approx(6 * 600 + 6 * 400));
    CHECK(all.vacantAreaM2 == Approx(5 * 400));
    CHECK(*all.vacancyByArea == Approx(2000.0 / 6000.0));
    CHECK(*all.vacancyByCount == Approx(5.0 / 12.0));
    CHECK(all.capacity == 6 * 15);
    const twin::Kpis a = f.kpis(f.t.buildings[0]);
    CHECK(a.units == 6);
    CHECK(a.vacantUnits == 2);
    CHECK(*a.vacancyByCount == Approx(2.0 / 6.0));
}

TEST_CASE("people on site count fresh occupancy only, and report stale and missing", "[kpi]") {
    KpiFixture f;
    f.put("gm/A/F1/U0", Channel::Occupancy, 8.0);
    f.put("gm/A/F2/U0", Channel::Occupancy, 7.0);
    f.put("gm/A/F3/U0", Channel::Occupancy, 100.0, kNow - 2 * kHour);  // stale
    const twin::Kpis a = f.kpis(f.t.buildings[0]);
    CHECK(a.peopleOnSite == Approx(15));
    CHECK(a.occupancy.fresh == 2);
    CHECK(a.occupancy.stale == 1);
    CHECK(a.occupancy.missing == 3);
    CHECK_FALSE(a.occupancy.complete());
}

TEST_CASE("power uses a fresh building meter, else its units", "[kpi]") {
    KpiFixture f;
    f.put("gm/A", Channel::Power, 500.0);  // A's meter stands for the whole building
    f.put("gm/A/F1/U0", Channel::Power, 40.0);
    for (int k = 0; k < 3; ++k)
        for (int u = 0; u < 2; ++u)
            f.put("gm/B/F" + std::to_string(k + 1) + "/U" + std::to_string(u), Channel::Power,
                  10.0 * (k + 1) + u);
    f.put("gm/ev/P1/C1", Channel::Power, 7.0);
    twin::Kpis all = f.kpis();
    CHECK(all.powerKw == Approx(500 + (10 + 11 + 20 + 21 + 30 + 31) + 7));
    CHECK(all.power.fresh == 1 + 6 + 1);
    CHECK(all.power.stale == 0);
    CHECK(all.power.missing == 5);  // chargers C2..C6 (A's units are covered by its meter)
    REQUIRE(all.topBuildings.size() == 2);
    CHECK(all.topBuildings[0].key == "gm/A");
    CHECK(all.topBuildings[0].powerKw == Approx(500));
    CHECK(all.topBuildings[1].powerKw == Approx(123));
    REQUIRE(all.topTenants.size() == 2);
    CHECK(all.topTenants[0].key == "CATL");
    CHECK(all.topTenants[0].powerKw == Approx(10 + 20 + 30));
    CHECK(all.topTenants[1].key == "BYD");
    CHECK(all.topTenants[1].powerKw == Approx(40));

    // The meter goes stale: A's one fresh unit counts instead, the meter is reported stale.
    KpiFixture g;
    g.put("gm/A", Channel::Power, 500.0, kNow - 2 * kHour);
    g.put("gm/A/F1/U0", Channel::Power, 40.0);
    const twin::Kpis a = g.kpis(g.t.buildings[0]);
    CHECK(a.powerKw == Approx(40));
    CHECK(a.power.stale == 1);
    CHECK(a.power.fresh == 1);
    CHECK(a.power.missing == 6);  // A's five other units and the floor meter M1

    const twin::Kpis top1 = twin::computeKpis(f.t.scene.portfolio, park::kNoEntity, f.store,
                                              nullptr, kNow, {.topN = 1});
    CHECK(top1.topBuildings.size() == 1);
    CHECK(top1.topTenants.size() == 1);
}

TEST_CASE("energy today is the delta since local midnight", "[kpi]") {
    KpiFixture f;
    f.put("gm/A/F1/U0", Channel::Energy, 100.0, kMidnight - kHour);
    f.put("gm/A/F1/U0", Channel::Energy, 110.0, kMidnight + kHour);
    f.put("gm/A/F1/U0", Channel::Energy, 150.0, kNow - kMinute);
    f.put("gm/A/F2/U0", Channel::Energy, 20.0, kMidnight + 2 * kHour);  // first after midnight
    f.put("gm/A/F2/U0", Channel::Energy, 25.0, kNow - kMinute);
    f.put("gm/A/F3/U0", Channel::Energy, 999.0, kNow - 3 * kHour);  // stale counter: ignored
    const twin::Kpis a = f.kpis(f.t.buildings[0]);
    REQUIRE(a.energyTodayKwh);
    CHECK(*a.energyTodayKwh == Approx(50 + 5));
    CHECK(a.energy.fresh == 2);
    CHECK(a.energy.stale == 1);
    // Nothing fresh in B.
    CHECK_FALSE(f.kpis(f.t.buildings[1]).energyTodayKwh);
}

TEST_CASE("chargers and drones are counted by fresh status", "[kpi]") {
    KpiFixture f;
    f.put("gm/ev/P1/C1", Channel::Status, std::string("Charging"));
    f.put("gm/ev/P1/C2", Channel::Status, std::string("Faulted"));
    f.put("gm/ev/P1/C3", Channel::Status, std::string("Available"));
    f.put("gm/ev/P1/C4", Channel::Status, std::string("Charging"), kNow - kHour);  // stale
    f.put("gm/ev/P1/C5", Channel::Status, std::string("SuspendedEV"));
    // C6: nothing.
    f.put("gm/drone/D1", Channel::State, std::string("Enroute"));
    f.put("gm/drone/D2", Channel::State, std::string("Idle"));
    f.put("gm/drone/D3", Channel::State, std::string("Hover"), kNow - kHour);  // stale
    f.put("gm/drone/D4", Channel::State, std::string("Landing"));
    const twin::Kpis all = f.kpis();
    CHECK(all.chargers.total == 6);
    CHECK(all.chargers.inUse == 2);
    CHECK(all.chargers.faulted == 1);
    CHECK(all.chargers.available == 1);
    CHECK(all.chargers.stale == 1);
    CHECK(all.chargers.missing == 1);
    CHECK(all.drones == 4);
    CHECK(all.dronesAirborne == 2);
    CHECK(all.droneState.stale == 1);
    CHECK(all.droneState.fresh == 3);
    // Chargers and drones belong to the park, not to building A.
    CHECK(f.kpis(f.t.buildings[0]).chargers.total == 0);
    CHECK(f.kpis(f.t.park).chargers.total == 6);
}

TEST_CASE("open alerts are active, unacknowledged and in scope", "[kpi]") {
    KpiFixture f;
    f.alerts.raise("gm/A/F1/U0", "occ", data::AlertLevel::Warning, "9", kNow - 5 * kMinute);
    const uint64_t acked =
        f.alerts.raise("gm/A/F2/U0", "occ", data::AlertLevel::Critical, "9", kNow - 4 * kMinute);
    f.alerts.acknowledge(acked);
    f.alerts.raise("gm/A/F3/U0", "occ", data::AlertLevel::Warning, "9", kNow - 3 * kMinute);
    f.alerts.clear("gm/A/F3/U0", "occ", kNow - 2 * kMinute);
    f.alerts.raise("gm/B/F1/U0", "occ", data::AlertLevel::Warning, "9", kNow - kMinute);
    f.alerts.raise("gm/AB", "occ", data::AlertLevel::Warning, "9", kNow - kMinute);  // not in A
    CHECK(f.kpis().openAlerts == 3);
    CHECK(f.kpis(f.t.buildings[0]).openAlerts == 1);
    CHECK(f.kpis(f.t.buildings[1]).openAlerts == 1);
}
