#pragma once
// The built-in simulator (the default source): plausible daily profiles per building use
// (shifts, lunch dip, night base load), chargers cycling through OCPP 1.6 states, drones flying
// missions between pads with battery drain, and occasional faults that raise alerts.
// Deterministic: the same park, seed and sequence of advance() times give the same samples.
// It takes a plain description (SimPark) rather than the park model, so it has no dependency
// on engine/park; an adapter from the park model can fill a SimPark.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "data/sample_generator.h"
#include "data/telemetry_store.h"

namespace pt::data {

enum class BuildingUse : uint8_t { Factory, RnD, Dormitory, Services };

struct SimUnit {
    std::string id;  // e.g. gm/A3/F12/U1203
    int capacity = 20;
    BuildingUse use = BuildingUse::Factory;
    LeaseState lease = LeaseState::Leased;
    double peakKw = 40;
    bool nightShift = false;  // 24/7 production (e.g. semiconductors)
};
struct SimCharger {
    std::string id;  // e.g. gm/ev/P1/C07
    double maxKw = 22;
};
struct SimDrone {
    std::string id;  // e.g. gm/drone/D04
    int homePad = 0;
};
// A flight route between two pads (a drone corridor): the first point is above or at the
// departure pad, the last at the arrival pad; drones climb along the first segment, cruise along
// the middle ones and descend along the last. Flown in either direction.
struct SimRoute {
    int fromPad = 0, toPad = 0;
    std::vector<glm::vec3> points;  // park-local metres, z up
};
struct SimPark {
    std::vector<SimUnit> units;
    std::vector<SimCharger> chargers;
    std::vector<glm::vec3> pads;  // park-local metres
    std::vector<SimDrone> drones;
    // Drones with a route from their pad fly routes; without, straight to another pad at
    // 40 m above the pads.
    std::vector<SimRoute> routes;
    int utcOffsetMinutes = 8 * 60;
};
// A small stand-in park: `buildings` x `floors` x `unitsPerFloor` units under gm/A<n>/F<n>/U<n>,
// 40 chargers under gm/ev/P1, 4 pads and 6 drones. Deterministic in `seed`.
SimPark makeDemoSimPark(uint64_t seed, int buildings = 4, int floors = 8, int unitsPerFloor = 6);
// Registers capacities and lease states of the units with the store (for ratios and vacancy).
void registerSimPark(const SimPark& park, TelemetryStore& store);

struct SimOptions {
    uint64_t seed = 1;
    double speed = 1;  // simulated seconds per clock second
    // Drones fly on a clock of their own at this speed (at most `speed`): a day compressed 60x
    // still shows flights at their real pace, not drones crossing the park in a second. Their
    // warm-up is the same as everything else's.
    double droneSpeed = 1;
    int64_t unitIntervalMs = 60'000;  // each unit reports once a simulated minute
    int64_t flightIntervalMs = 1000;  // pose/battery of flying drones
    double faultsPerChargerPerDay = 0.3;
    // Simulated time run before the first report, so a viewer that starts now sees chargers
    // and drones mid-cycle (those samples carry their own time, before the first advance's).
    int64_t warmupMs = 0;
    // The park's local time of day (minutes after midnight) the simulation starts at, today;
    // -1: the clock's own time. An exhibition at night can show a working morning. Samples are
    // stamped with the clock either way.
    int startLocalMinute = -1;
};

class Simulator final : public SampleGenerator {
public:
    Simulator(SimPark park, SimOptions options);
    // Profiles follow simulated time; samples are stamped with nowMs (never in the future).
    void advance(int64_t nowMs, std::vector<Sample>& out) override;
    int64_t simTimeMs() const { return m_simMs; }

private:
    struct UnitState {
        int64_t nextMs = 0;
        double energyKWh = 0;
    };
    struct ChargerState {
        std::string status = "Available";
        bool announced = false;  // the initial status went out
        int64_t untilMs = 0;
        double kw = 0;
        double energyKWh = 0;
        int64_t nextPowerMs = 0;
    };
    struct DroneState {
        std::string state = "Idle";
        int64_t untilMs = 0;
        int pad = 0, target = 0;
        double battery = 100;
        glm::vec3 pos{};
        double heading = 0;
        std::vector<glm::vec3> path;  // this flight: departure pad, route points, arrival pad
        int64_t legStartMs = 0, legMs = 1;
        int64_t nextPoseMs = 0;
    };

    void step(int64_t simMs, int64_t stampMs, std::vector<Sample>& out);
    // Drones up to the drone clock's time for sim time `simMs` (see SimOptions::droneSpeed).
    void stepDronesTo(int64_t simMs, int64_t nowMs, std::vector<Sample>& out);
    int64_t droneTimeAt(int64_t simMs) const;
    void stepUnit(size_t i, int64_t simMs, int64_t stampMs, std::vector<Sample>& out);
    void stepCharger(size_t i, int64_t simMs, int64_t stampMs, std::vector<Sample>& out);
    void stepDrone(size_t i, int64_t simMs, int64_t stampMs, std::vector<Sample>& out);
    void nextDroneState(size_t i, int64_t simMs);
    void planFlight(DroneState& d);
    double activity(const SimUnit& unit, int64_t simMs) const;
    double noise(uint64_t a, uint64_t b) const;  // deterministic in [0, 1)

    SimPark m_park;
    SimOptions m_options;
    std::mt19937_64 m_rng;
    std::vector<UnitState> m_units;
    std::vector<ChargerState> m_chargers;
    std::vector<DroneState> m_drones;
    // Clock time of a simulated time: after the start the clock's now; before it (the warm-up)
    // as far before the first advance's clock time as it is before the simulation's start.
    int64_t stampFor(int64_t simMs, int64_t nowMs) const {
        return simMs < m_simOriginMs ? m_startClockMs - (m_simOriginMs - simMs) : nowMs;
    }

    int64_t m_startClockMs = -1;
    int64_t m_simOriginMs = 0;  // the simulated time at the first advance
    int64_t m_simMs = 0;
    int64_t m_droneMs = 0;  // the drones' clock; equal to m_simMs when droneSpeed >= speed
};

}  // namespace pt::data
