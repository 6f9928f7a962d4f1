// The park-model adapter: Portfolio -> SimPark, and the portfolio's facts in the store.
#include <catch2/catch.hpp>

#include "data/sim_park_from_portfolio.h"

using namespace pt::data;
namespace park = pt::park;

namespace {

template <class T>
T must(pt::Result<T> result) {
    if (!result) FAIL(result.error().message);
    return *result;
}

// gm: factory A1 (one floor, a semiconductor fab and a vacant unit), R&D tower A2 (one unit
// without capacity), an EV zone with two chargers, two rooftop pads, a drone and a meter.
park::Portfolio smallPortfolio() {
    park::Portfolio p;
    const auto gm = must(p.addPark("gm", "光明园区", park::Park{}));
    const auto a1 = must(p.addBuilding(gm, "gm/A1", "A1", {.use = park::BuildingUse::Factory}));
    const auto a2 = must(p.addBuilding(gm, "gm/A2", "A2", {.use = park::BuildingUse::RnD}));
    const auto f1 = must(p.addFloor(a1, "gm/A1/F1", "1F", {.number = 1, .height = 6}));
    const auto f3 = must(p.addFloor(a2, "gm/A2/F3", "3F", {.number = 3, .height = 4}));
    must(p.addUnit(f1, "gm/A1/F1/U101", "101",
                   {.area = 800,
                    .lease = park::LeaseStatus::Leased,
                    .tenant = "芯片厂",
                    .industry = "半导体与集成电路",
                    .capacity = 60}));
    must(p.addUnit(f1, "gm/A1/F1/U102", "102", {.area = 400, .lease = park::LeaseStatus::Vacant}));
    must(p.addUnit(f3, "gm/A2/F3/U301", "301",
                   {.area = 300, .lease = park::LeaseStatus::FittingOut, .industry = "软件"}));
    const auto ev = must(p.addZone(gm, "gm/ev/P1", "P1", {.shape = park::EvAreaShape{}}));
    must(p.addDevice(ev, "gm/ev/P1/C01", "C01", {.kind = park::DeviceKind::Charger}));
    must(p.addDevice(ev, "gm/ev/P1/C02", "C02", {.kind = park::DeviceKind::Charger}));
    must(p.addZone(gm, "gm/pad/N", "north pad",
                   {.shape = park::PadShape{.centre = {10, 30, -200}, .radius = 5}}));
    must(p.addZone(gm, "gm/pad/S", "south pad",
                   {.shape = park::PadShape{.centre = {0, 24, 100}, .radius = 5}}));
    must(p.addZone(
        gm, "gm/corridor/1", "corridor",
        {.shape = park::CorridorShape{.points = {{0, 40, 0}, {0, 40, 50}}, .width = 10}}));
    must(p.addDevice(gm, "gm/drone/D01", "D01",
                     {.kind = park::DeviceKind::Drone, .position = {1, 24, 98}}));
    must(p.addDevice(f1, "gm/A1/F1/M1", "meter", {.kind = park::DeviceKind::Meter}));
    return p;
}

}  // namespace

TEST_CASE("sim park from portfolio: units, chargers, pads, drones", "[data][sim][park]") {
    const park::Portfolio portfolio = smallPortfolio();
    const SimPark sim = simParkFromPortfolio(portfolio);

    REQUIRE(sim.units.size() == 3);
    const SimUnit& fab = sim.units[0];
    CHECK(fab.id == "gm/A1/F1/U101");
    CHECK(fab.capacity == 60);
    CHECK(fab.use == BuildingUse::Factory);
    CHECK(fab.lease == LeaseState::Leased);
    CHECK(fab.nightShift);                    // semiconductors run around the clock
    CHECK(fab.peakKw == Approx(800 * 0.15));  // factory power density
    CHECK(sim.units[1].lease == LeaseState::Vacant);
    CHECK_FALSE(sim.units[1].nightShift);
    CHECK(sim.units[1].capacity == 40);  // no capacity in the model: 10 m^2 a person
    CHECK(sim.units[2].use == BuildingUse::RnD);
    CHECK(sim.units[2].lease == LeaseState::FittingOut);
    CHECK(sim.units[2].peakKw == Approx(300 * 0.05));

    REQUIRE(sim.chargers.size() == 2);
    CHECK(sim.chargers[0].id == "gm/ev/P1/C01");
    CHECK(sim.chargers[1].id == "gm/ev/P1/C02");

    // Pads only (not the corridor), y-up model -> z-up simulator: (x, y, z) -> (x, -z, y).
    REQUIRE(sim.pads.size() == 2);
    CHECK(sim.pads[0] == glm::vec3(10, 200, 30));
    CHECK(sim.pads[1] == glm::vec3(0, -100, 24));
    REQUIRE(sim.drones.size() == 1);
    CHECK(sim.drones[0].id == "gm/drone/D01");
    CHECK(sim.drones[0].homePad == 1);  // it stands on the south pad
    CHECK(sim.utcOffsetMinutes == 480);
}

TEST_CASE("sim park from portfolio: the simulator runs on it", "[data][sim][park]") {
    const SimPark sim = simParkFromPortfolio(smallPortfolio());
    Simulator simulator(sim, SimOptions{.seed = 5, .speed = 3600});
    std::vector<Sample> out;
    const int64_t start = 1'735'689'600'000;  // 2025-01-01 00:00 UTC
    for (int64_t t = 0; t <= 4000; t += 100)
        simulator.advance(start + t, out);
    int units = 0, chargers = 0, drones = 0;
    for (const Sample& s : out) {
        units += s.entity.starts_with("gm/A") && s.channel == Channel::Power;
        chargers += s.entity.starts_with("gm/ev/P1/C") && s.channel == Channel::Status;
        drones += s.entity == "gm/drone/D01" && s.channel == Channel::Pose;
        if (s.channel == Channel::Pose) {
            const Pose p = std::get<Pose>(s.value);
            CHECK(p.z >= 24 - 1e-3);  // never below the lower pad
        }
    }
    CHECK(units > 0);
    CHECK(chargers > 0);
    CHECK(drones > 0);
}

TEST_CASE("register portfolio: id tree, capacities, leases", "[data][store][park]") {
    const park::Portfolio portfolio = smallPortfolio();
    TelemetryStore store;
    registerPortfolio(portfolio, store);
    // Plus the id-only grouping levels gm/ev, gm/pad, gm/corridor, gm/drone.
    CHECK(store.entityCount() == portfolio.entities().size() + 4);
    for (const park::Entity& e : portfolio.entities())
        CHECK(store.find(e.id) != kNoEntity);
    CHECK(store.find("gm/drone") != kNoEntity);  // id ancestors of devices are in the tree too
    CHECK(store.capacity(store.find("gm/A1/F1/U101")) == 60);
    CHECK(store.capacity(store.find("gm/A1")) == 60);  // U102 has no capacity in the model
    CHECK(store.leaseOf(store.find("gm/A1/F1/U102")) == LeaseState::Vacant);
    CHECK(store.leaseOf(store.find("gm/A2/F3/U301")) == LeaseState::FittingOut);
    const VacancyStats vacancy = store.vacancy(store.find("gm"));
    CHECK(vacancy.units == 3);
    CHECK(vacancy.vacantUnits == 1);
    CHECK(vacancy.areaM2 == Approx(1500));
    CHECK(vacancy.vacantAreaM2 == Approx(400));
    REQUIRE(vacancy.rate());
    CHECK(*vacancy.rate() == Approx(400.0 / 1500.0));
}
