// The drone scene's figures: airspace from the park model, drone rows from the store and the
// tracks (position, altitude, speed, where the drone is), pad states and fleet KPIs.
#include <catch2/catch.hpp>

#include "data/sim_park_from_portfolio.h"
#include "data/simulator.h"
#include "park/demo_park.h"
#include "twin/drone_fleet.h"

using namespace pt;
using twin::Activity;
using twin::PadState;

namespace {

// Park "gm" at x = 1000: two rooftop pads joined by a corridor at 90 m, a no-fly box, drones.
struct Airfield {
    park::Portfolio portfolio;
    park::EntityIndex padA, padB, corridor, noFly;
    std::vector<park::EntityIndex> drones;
    data::TelemetryStore store;
    twin::DroneTracks tracks;

    Airfield() {
        const auto gm = *portfolio.addPark("gm", "", {.scenePosition = {1000, 0, 0}});
        padA = *portfolio.addZone(gm, "gm/pad/A", "Pad A",
                                  {.shape = park::PadShape{.centre = {0, 50, 0}, .radius = 6}});
        padB = *portfolio.addZone(gm, "gm/pad/B", "Pad B",
                                  {.shape = park::PadShape{.centre = {200, 60, 0}, .radius = 6}});
        corridor =
            *portfolio.addZone(gm, "gm/air/L1", "L1",
                               {.shape = park::CorridorShape{
                                    {{0, 50, 0}, {0, 90, 0}, {200, 90, 0}, {200, 60, 0}}, 12}});
        noFly = *portfolio.addZone(
            gm, "gm/nofly/N1", "N1",
            {.shape = park::VolumeShape{{{50, 100}, {150, 100}, {150, 200}, {50, 200}}, 0, 120}});
        for (int i = 1; i <= 4; ++i)
            drones.push_back(*portfolio.addDevice(
                gm, "gm/drone/D0" + std::to_string(i), "D" + std::to_string(i),
                {.kind = park::DeviceKind::Drone, .position = {2.5f * float(i), 50.3f, 0}}));
    }
    // A pose in the simulator's frame (z up, north +y) at park-local model point p.
    void pose(int drone, glm::vec3 p, double heading, int64_t t) {
        const auto key = store.ensureEntity("gm/drone/D0" + std::to_string(drone));
        store.apply(key, data::Channel::Pose, data::Pose{p.x, -p.z, p.y, heading}, t);
        tracks.update(portfolio, store);
    }
    void state(int drone, const char* s, double battery, int64_t t) {
        const auto key = store.ensureEntity("gm/drone/D0" + std::to_string(drone));
        store.apply(key, data::Channel::State, std::string(s), t);
        store.apply(key, data::Channel::Battery, battery, t);
    }
};

}  // namespace

TEST_CASE("the airspace is the park's zones in scene coordinates", "[drones][airspace]") {
    Airfield f;
    const twin::Airspace a = twin::airspaceOf(f.portfolio);
    REQUIRE(a.pads.size() == 2);
    CHECK(a.pads[1].centre == glm::vec3(1200, 60, 0));
    REQUIRE(a.corridors.size() == 1);
    CHECK(a.corridors[0].points[2] == glm::vec3(1200, 90, 0));
    REQUIRE(a.noFly.size() == 1);
    CHECK(a.noFly[0].polygon[0] == glm::vec2(1050, 100));
    CHECK(twin::insideNoFly(a.noFly[0], {1100, 60, 150}));
    CHECK_FALSE(twin::insideNoFly(a.noFly[0], {1100, 130, 150}));  // above its ceiling
    CHECK_FALSE(twin::insideNoFly(a.noFly[0], {1100, 60, 90}));    // beside it
    CHECK(twin::distanceToPolyline({1100, 95, 3}, a.corridors[0].points) ==
          Approx(std::sqrt(25.0f + 9.0f)));
}

TEST_CASE("drone rows: pose, altitude, speed and where each drone is", "[drones][fleet]") {
    Airfield f;
    const twin::Airspace a = twin::airspaceOf(f.portfolio);
    // D1 cruises east along the corridor at 10 m/s; D2 sits on pad B charging; D3 strays into
    // the no-fly volume; D4 has never reported.
    for (int s = 0; s <= 10; ++s)
        f.pose(1, {50.0f + 10.0f * float(s), 90, 0}, 90, 1000 * s);
    f.state(1, "Enroute", 64, 0);
    f.pose(2, {200, 60, 0}, 0, 500);
    f.state(2, "Charging", 30, 500);
    f.pose(3, {100, 60, 150}, 180, 500);
    f.state(3, "Enroute", 80, 500);
    const int64_t now = 9000 + f.tracks.find("gm/drone/D01")->options().interpolationDelayMs;
    const auto rows = twin::droneRows(f.portfolio, a, &f.store, f.tracks, now);
    REQUIRE(rows.size() == 4);
    const twin::DroneRow& d1 = rows[0];
    CHECK(d1.hasPose);
    CHECK(d1.position.x == Approx(1140).margin(0.01));  // park origin + 140
    CHECK(d1.altitude == Approx(90));
    CHECK(d1.speed == Approx(10).margin(0.05));
    CHECK(d1.headingDeg == Approx(90));
    CHECK(d1.activity == Activity::InCorridor);
    CHECK(d1.place == f.corridor);
    CHECK(*d1.battery == 64);
    CHECK(rows[1].activity == Activity::OnPad);
    CHECK(rows[1].place == f.padB);
    CHECK(rows[1].speed == 0.0f);  // not flying
    CHECK(rows[2].activity == Activity::InNoFly);
    CHECK(rows[2].place == f.noFly);
    CHECK_FALSE(rows[3].hasPose);  // at its home on pad A
    CHECK(rows[3].position == glm::vec3(1010, 50.3f, 0));
    CHECK(rows[3].activity == Activity::OnPad);
    CHECK(rows[3].state.empty());

    // The link to D1 drops: after maxExtrapolationMs it is stale, held still.
    const auto later = twin::droneRows(f.portfolio, a, &f.store, f.tracks, now + 10'000);
    CHECK(later[0].stale);
    CHECK(later[0].speed == 0.0f);
    CHECK_FALSE(later[1].stale);  // on the ground: silence is normal
}

TEST_CASE("pad states: the worst drone on a pad wins, fleet KPIs", "[drones][fleet]") {
    Airfield f;
    const twin::Airspace a = twin::airspaceOf(f.portfolio);
    auto row = [&](const char* state, glm::vec3 at, std::optional<double> battery) {
        twin::DroneRow r{.state = state, .battery = battery, .position = at};
        return r;
    };
    std::vector<twin::DroneRow> rows = {
        row("Idle", {1002, 50.3f, 0}, 90.0),            // on pad A
        row("Takeoff", {1000, 70, 0}, 88.0),            // climbing off pad A
        row("Charging", {1201, 60.3f, 2}, 20.0),        // on pad B
        row("Enroute", {1100, 90, 0}, 9.0),             // in the corridor
        row("Fault", {1300, 0.5f, 300}, std::nullopt),  // down in a field
    };
    // Classified as droneRows would (tested above): padStates only reads activity and place.
    rows[0].activity = rows[1].activity = Activity::OnPad;
    rows[0].place = rows[1].place = f.padA;
    rows[2].activity = Activity::OnPad;
    rows[2].place = f.padB;
    rows[3].activity = Activity::InCorridor;
    const auto pads = twin::padStates(a, rows);
    REQUIRE(pads.size() == 2);
    CHECK(pads[0].state == PadState::Active);  // rotors turning beats a parked drone
    CHECK(pads[0].drones == 2);
    CHECK(pads[1].state == PadState::Charging);
    rows[2].state = "Fault";
    CHECK(twin::padStates(a, rows)[1].state == PadState::Fault);
    rows[0].place = rows[1].place = park::kNoEntity;
    CHECK(twin::padStates(a, rows)[0].state == PadState::Free);

    const twin::FleetSummary s = twin::summariseFleet(rows);
    CHECK(s.total == 5);
    CHECK(s.airborne == 2);
    CHECK(s.fault == 2);
    CHECK(s.lowBattery == 2);  // 20 % and 9 %
    CHECK(s.meanBattery == Approx((90 + 88 + 20 + 9) / 4.0));
    CHECK(twin::padColor(PadState::Free) != twin::padColor(PadState::Occupied));
}

TEST_CASE("simulated drones of the demo park fly their corridors and keep out of no-fly volumes",
          "[drones][fleet][sim]") {
    const park::Portfolio portfolio = park::makeDemoPortfolio(1);
    const twin::Airspace airspace = twin::airspaceOf(portfolio);
    const data::SimPark sim = data::simParkFromPortfolio(portfolio);
    REQUIRE(sim.routes.size() == 4);  // gm: A1-A4-A6-R1 chained, ls: B2-B4
    data::Simulator simulator(sim, {.seed = 1, .speed = 1});
    std::vector<data::Sample> out;
    const int64_t start = 1'764'124'200'000;
    for (int64_t t = 0; t <= 30 * 60'000; t += 1000)  // half an hour, a step a second
        simulator.advance(start + t, out);
    int poses = 0, cruising = 0;
    for (const data::Sample& s : out) {
        if (s.channel != data::Channel::Pose) continue;
        const data::Pose p = std::get<data::Pose>(s.value);
        const auto drone = portfolio.findEntity(s.entity);
        REQUIRE(drone);
        const glm::vec3 origin =
            portfolio.park(portfolio.ancestorOfKind(*drone, park::EntityKind::Park)).scenePosition;
        // z-up (north +y) back to the model's y-up frame (north -Z), as DroneTracks does.
        const glm::vec3 at = origin + glm::vec3(float(p.x), float(p.z), -float(p.y));
        INFO(s.entity << " at " << at.x << ", " << at.y << ", " << at.z);
        ++poses;
        bool onRoute = false;
        for (const twin::AirspaceCorridor& c : airspace.corridors)
            onRoute = onRoute || twin::distanceToPolyline(at, c.points) <= c.width * 0.5f;
        for (const twin::AirspacePad& pad : airspace.pads)
            onRoute = onRoute || glm::distance(glm::vec2(at.x, at.z),
                                               glm::vec2(pad.centre.x, pad.centre.z)) < 0.5f;
        CHECK(onRoute);
        for (const twin::AirspaceNoFly& v : airspace.noFly)
            CHECK_FALSE(twin::insideNoFly(v, at));
        cruising += at.y > 140.0f ? 1 : 0;  // gm's corridors cruise 30 m above the tallest pad
    }
    CHECK(poses > 500);
    CHECK(cruising > 100);
}
