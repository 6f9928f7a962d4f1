#include "data/simulator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <glm/geometric.hpp>

#include "data/rules.h"

namespace pt::data {
namespace {

constexpr int64_t kStepMs = 1000;
constexpr int64_t kMaxStepsPerAdvance = 6 * 3600;  // after a long stall, skip rather than hang
constexpr double kCruiseAltitude = 40;             // m above the pads (flights without a route)
constexpr double kCruiseSpeed = 12;                // m/s
constexpr double kClimbSpeed = 4;                  // m/s, takeoff
constexpr double kDescentSpeed = 3;                // m/s, landing
constexpr int64_t kGroundHeartbeatMs = 30'000;     // a parked drone still reports (not stale)

double pathLength(const std::vector<glm::vec3>& p, size_t from, size_t to) {
    double length = 0;
    for (size_t i = from; i < to && i + 1 < p.size(); ++i)
        length += glm::distance(p[i], p[i + 1]);
    return length;
}

// The point a fraction t of the way along p[from..to] by length.
glm::vec3 alongPath(const std::vector<glm::vec3>& p, size_t from, size_t to, double t) {
    double left = std::clamp(t, 0.0, 1.0) * pathLength(p, from, to);
    for (size_t i = from; i < to && i + 1 < p.size(); ++i) {
        const double seg = glm::distance(p[i], p[i + 1]);
        if (left <= seg && seg > 0) return glm::mix(p[i], p[i + 1], float(left / seg));
        left -= seg;
    }
    return p[std::min(to, p.size() - 1)];
}

uint64_t splitmix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

double smoothStep(double a, double b, double h) {
    const double t = std::clamp((h - a) / (b - a), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

// Presence during working hours: ramps in at `start`, out at `end`, with a lunch dip.
double workday(double hour, double start, double end) {
    const double present =
        smoothStep(start - 1, start + 0.5, hour) * (1 - smoothStep(end - 0.5, end + 1.5, hour));
    const double lunch = 1 - 0.35 * (smoothStep(11.8, 12.2, hour) - smoothStep(12.8, 13.3, hour));
    return present * lunch;
}

}  // namespace

SimPark makeDemoSimPark(uint64_t seed, int buildings, int floors, int unitsPerFloor) {
    SimPark park;
    const BuildingUse uses[] = {BuildingUse::Factory, BuildingUse::Factory, BuildingUse::RnD,
                                BuildingUse::Dormitory, BuildingUse::Services};
    for (int b = 1; b <= buildings; ++b) {
        const BuildingUse use = uses[(b - 1) % 5];
        for (int f = 1; f <= floors; ++f) {
            for (int u = 1; u <= unitsPerFloor; ++u) {
                const uint64_t h = splitmix(seed ^ uint64_t(b * 10000 + f * 100 + u));
                char id[64];
                std::snprintf(id, sizeof id, "gm/A%d/F%d/U%d%02d", b, f, f, u);
                park.units.push_back(
                    SimUnit{.id = id,
                            .capacity = 10 + int(h % 50),
                            .use = use,
                            .lease = h % 7 == 0 ? LeaseState::Vacant : LeaseState::Leased,
                            .peakKw = use == BuildingUse::Factory ? 60 + double(h % 120)
                                                                  : 15 + double(h % 30),
                            .nightShift = use == BuildingUse::Factory && h % 3 == 0});
            }
        }
    }
    for (int c = 1; c <= 40; ++c) {
        char id[32];
        std::snprintf(id, sizeof id, "gm/ev/P1/C%02d", c);
        park.chargers.push_back(SimCharger{id, c <= 8 ? 60.0 : 22.0});
    }
    park.pads = {{0, 0, 60}, {220, 40, 48}, {90, 260, 72}, {-150, 180, 36}};
    for (int d = 1; d <= 6; ++d) {
        char id[32];
        std::snprintf(id, sizeof id, "gm/drone/D%02d", d);
        park.drones.push_back(SimDrone{id, (d - 1) % 4});
    }
    return park;
}

void registerSimPark(const SimPark& park, TelemetryStore& store) {
    for (const SimUnit& u : park.units) {
        const EntityKey key = store.ensureEntity(u.id);
        store.setCapacity(key, u.capacity);
        store.setLease(key, u.lease);
    }
    for (const SimCharger& c : park.chargers)
        store.ensureEntity(c.id);
    for (const SimDrone& d : park.drones)
        store.ensureEntity(d.id);
}

Simulator::Simulator(SimPark park, SimOptions options)
    : m_park(std::move(park)), m_options(options), m_rng(options.seed) {
    m_units.resize(m_park.units.size());
    m_chargers.resize(m_park.chargers.size());
    m_drones.resize(m_park.drones.size());
    for (size_t i = 0; i < m_units.size(); ++i) {
        m_units[i].energyKWh = 10'000 + 40'000 * noise(i, 1);
    }
    for (size_t i = 0; i < m_drones.size(); ++i) {
        const int pad =
            m_park.pads.empty() ? 0 : m_park.drones[i].homePad % int(m_park.pads.size());
        m_drones[i].pad = pad;
        m_drones[i].pos = m_park.pads.empty() ? glm::vec3(0) : m_park.pads[size_t(pad)];
    }
}

double Simulator::noise(uint64_t a, uint64_t b) const {
    return double(splitmix(m_options.seed ^ splitmix(a * 0x100000001b3ull + b)) >> 11) * 0x1.0p-53;
}

double Simulator::activity(const SimUnit& unit, int64_t simMs) const {
    const int64_t local = simMs + int64_t(m_park.utcOffsetMinutes) * 60'000;
    const double hour = double(((local % 86'400'000) + 86'400'000) % 86'400'000) / 3.6e6;
    const int64_t day = (local / 86'400'000 + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
    const bool weekend = day == 0 || day == 6;
    double a = 0;
    switch (unit.use) {
        case BuildingUse::Factory:
            a = unit.nightShift ? 0.55 + 0.35 * workday(hour, 8, 20) : 0.9 * workday(hour, 8, 18.5);
            break;
        case BuildingUse::RnD:
            a = 0.85 * workday(hour, 9.5, 19) + 0.1 * workday(hour, 19, 22);
            break;
        case BuildingUse::Dormitory:
            a = 0.9 - 0.7 * workday(hour, 8, 19);
            break;
        case BuildingUse::Services:
            a = 0.9 * (smoothStep(11, 11.7, hour) - smoothStep(13, 13.5, hour)) +
                0.7 * (smoothStep(17.3, 17.8, hour) - smoothStep(19, 19.5, hour)) + 0.1;
            break;
    }
    if (weekend && unit.use != BuildingUse::Dormitory) a *= unit.nightShift ? 0.8 : 0.3;
    return std::clamp(a, 0.0, 1.0);
}

void Simulator::advance(int64_t nowMs, std::vector<Sample>& out) {
    if (m_startClockMs < 0) {
        m_startClockMs = nowMs;
        m_simOriginMs = nowMs;
        if (m_options.startLocalMinute >= 0) {  // today at that local time, to the second
            constexpr int64_t kDayMs = 86'400'000;
            const int64_t offsetMs = int64_t(m_park.utcOffsetMinutes) * 60'000;
            const int64_t localMidnight =
                (nowMs + offsetMs) / kDayMs * kDayMs - offsetMs;  // clock times are positive
            m_simOriginMs =
                localMidnight + int64_t(m_options.startLocalMinute % (24 * 60)) * 60'000;
        }
        m_simMs = m_simOriginMs - std::max<int64_t>(m_options.warmupMs, 0) / kStepMs * kStepMs;
        m_droneMs = m_simMs - kStepMs;
        step(m_simMs, stampFor(m_simMs, nowMs), out);
        stepDronesTo(m_simMs, nowMs, out);
    }
    const auto target = m_simOriginMs + int64_t(double(nowMs - m_startClockMs) * m_options.speed);
    if (target - m_simMs > kMaxStepsPerAdvance * kStepMs) {
        m_simMs = target - kMaxStepsPerAdvance * kStepMs;
        m_droneMs = std::max(m_droneMs, droneTimeAt(m_simMs));
    }
    while (m_simMs + kStepMs <= target) {
        m_simMs += kStepMs;
        // The warm-up happened before the start: stamped that far before the first advance
        // (stampFor), so histories, sessions and today's energy look as if the park had been
        // running.
        step(m_simMs, stampFor(m_simMs, nowMs), out);
        // After each step, so that at equal speeds the order (and the random numbers drawn)
        // is the same as with one clock.
        stepDronesTo(m_simMs, nowMs, out);
    }
}

int64_t Simulator::droneTimeAt(int64_t simMs) const {
    const double ratio = std::min(1.0, m_options.droneSpeed / m_options.speed);
    if (simMs <= m_simOriginMs || ratio >= 1.0) return simMs;  // the warm-up runs at sim pace
    return m_simOriginMs + int64_t(double(simMs - m_simOriginMs) * ratio);
}

void Simulator::stepDronesTo(int64_t simMs, int64_t nowMs, std::vector<Sample>& out) {
    for (const int64_t until = droneTimeAt(simMs); m_droneMs + kStepMs <= until;) {
        m_droneMs += kStepMs;
        const int64_t stampMs = stampFor(m_droneMs, nowMs);
        for (size_t i = 0; i < m_drones.size(); ++i)
            stepDrone(i, m_droneMs, stampMs, out);
    }
}

void Simulator::step(int64_t simMs, int64_t stampMs, std::vector<Sample>& out) {
    for (size_t i = 0; i < m_units.size(); ++i)
        stepUnit(i, simMs, stampMs, out);
    for (size_t i = 0; i < m_chargers.size(); ++i)
        stepCharger(i, simMs, stampMs, out);
}

void Simulator::stepUnit(size_t i, int64_t simMs, int64_t stampMs, std::vector<Sample>& out) {
    UnitState& s = m_units[i];
    const SimUnit& u = m_park.units[i];
    if (s.nextMs == 0) {  // stagger first reports so units do not all report in the same step
        s.nextMs = simMs + int64_t(noise(i, 2) * double(m_options.unitIntervalMs));
    }
    if (simMs < s.nextMs) return;
    const int64_t bucket = simMs / m_options.unitIntervalMs;
    const bool vacant = u.lease == LeaseState::Vacant;
    const double a = vacant ? 0 : activity(u, simMs);
    const double people =
        std::round(u.capacity * a * (0.85 + 0.3 * noise(i, uint64_t(bucket) * 3)));
    const double kw =
        vacant ? 0.5
               : u.peakKw * (0.15 + 0.85 * a) * (0.9 + 0.2 * noise(i, uint64_t(bucket) * 3 + 1));
    s.energyKWh += kw * double(m_options.unitIntervalMs) / 3.6e6;
    s.nextMs += m_options.unitIntervalMs;
    out.push_back({u.id, Channel::Occupancy, std::min<double>(people, u.capacity), stampMs});
    out.push_back({u.id, Channel::Power, kw, stampMs});
    out.push_back({u.id, Channel::Energy, s.energyKWh, stampMs});
}

void Simulator::stepCharger(size_t i, int64_t simMs, int64_t stampMs, std::vector<Sample>& out) {
    ChargerState& s = m_chargers[i];
    const SimCharger& c = m_park.chargers[i];
    if (!s.announced) {  // a viewer that starts now sees every charger's state at once
        s.announced = true;
        out.push_back({c.id, Channel::Status, s.status, stampMs});
        out.push_back({c.id, Channel::Power, 0.0, stampMs});
    }
    if (s.untilMs == 0) s.untilMs = simMs + int64_t(noise(i, 7) * 3.6e6);
    if (simMs >= s.untilMs) {
        std::uniform_real_distribution<double> u01(0, 1);
        const double minutes = 60'000;
        const double faultChance = m_options.faultsPerChargerPerDay / 8;  // ~8 transitions a day
        std::string next;
        int64_t duration = 0;
        if (s.status != "Faulted" && u01(m_rng) < faultChance) {
            next = "Faulted";
            duration = int64_t((30 + 90 * u01(m_rng)) * minutes);
        } else if (s.status == "Available" || s.status == "Faulted" || s.status == "Unavailable") {
            const double r = u01(m_rng);
            next = s.status == "Available" && r < 0.03 ? "Unavailable"  // maintenance
                   : r < 0.12                          ? "Reserved"
                                                       : "Preparing";
            duration = int64_t((next == "Unavailable" ? 45
                                : next == "Reserved"  ? 15
                                                      : 1) *
                               minutes);
        } else if (s.status == "Reserved") {
            next = "Preparing";
            duration = int64_t(minutes);
        } else if (s.status == "Preparing" || s.status == "SuspendedEVSE") {
            next = "Charging";
            duration = int64_t((30 + 150 * u01(m_rng)) * minutes);
            s.kw = c.maxKw * (0.6 + 0.4 * u01(m_rng));
        } else if (s.status == "Charging") {
            const double r = u01(m_rng);
            // The car pauses (full or its own schedule), the site's load management throttles
            // it to zero for a while, or the session ends.
            next = r < 0.25 ? "SuspendedEV" : r < 0.35 ? "SuspendedEVSE" : "Finishing";
            duration = int64_t((next == "Finishing"       ? 2
                                : next == "SuspendedEVSE" ? 5 + 10 * u01(m_rng)
                                                          : 20 + 40 * u01(m_rng)) *
                               minutes);
        } else if (s.status == "SuspendedEV") {
            next = "Finishing";
            duration = int64_t(2 * minutes);
        } else {  // Finishing -> free again, after an idle gap that depends on the hour
            next = "Available";
            duration = int64_t((20 + 160 * u01(m_rng)) * minutes);
        }
        s.status = next;
        s.untilMs = simMs + duration;
        if (next != "Charging") s.kw = 0;
        out.push_back({c.id, Channel::Status, next, stampMs});
        out.push_back({c.id, Channel::Power, s.kw, stampMs});
    }
    if (s.kw > 0) s.energyKWh += s.kw * double(kStepMs) / 3.6e6;
    if (simMs >= s.nextPowerMs) {  // meter values once a minute, with the status they are in
        s.nextPowerMs = simMs + 60'000;
        out.push_back({c.id, Channel::Energy, s.energyKWh, stampMs});
        out.push_back({c.id, Channel::Status, s.status, stampMs});
    }
}

// The flight's path: along a route from the drone's pad (chosen at random among those that
// start or end there), else straight to another pad at kCruiseAltitude above both.
void Simulator::planFlight(DroneState& d) {
    std::uniform_real_distribution<double> u01(0, 1);
    std::vector<size_t> routes;
    for (size_t r = 0; r < m_park.routes.size(); ++r)
        if (m_park.routes[r].fromPad == d.pad || m_park.routes[r].toPad == d.pad)
            routes.push_back(r);
    const glm::vec3 up(0, 0, float(kCruiseAltitude));
    d.path.clear();
    if (!routes.empty()) {
        const SimRoute& route = m_park.routes[routes[size_t(u01(m_rng) * double(routes.size()))]];
        const bool forward = route.fromPad == d.pad;
        d.target = forward ? route.toPad : route.fromPad;
        d.path.push_back(m_park.pads[size_t(d.pad)]);
        if (forward)
            d.path.insert(d.path.end(), route.points.begin(), route.points.end());
        else
            d.path.insert(d.path.end(), route.points.rbegin(), route.points.rend());
        d.path.push_back(m_park.pads[size_t(d.target)]);
    } else {
        const int pads = int(m_park.pads.size());
        d.target = pads > 1 ? (d.pad + 1 + int(u01(m_rng) * (pads - 1))) % pads : d.pad;
        const glm::vec3 from = m_park.pads[size_t(d.pad)], to = m_park.pads[size_t(d.target)];
        d.path = {from, from + up, to + up, to};
    }
    // Drop repeated points (a route that starts exactly on the pad) so every leg has a length.
    d.path.erase(std::unique(d.path.begin(), d.path.end(),
                             [](const glm::vec3& a, const glm::vec3& b) {
                                 return glm::distance(a, b) < 0.01f;
                             }),
                 d.path.end());
    while (d.path.size() < 4)
        d.path.push_back(d.path.back());
}

void Simulator::nextDroneState(size_t i, int64_t simMs) {
    DroneState& d = m_drones[i];
    std::uniform_real_distribution<double> u01(0, 1);
    auto go = [&](const char* state, double seconds) {
        d.state = state;
        d.legStartMs = simMs;
        d.legMs = std::max<int64_t>(1000, int64_t(seconds * 1000));
        d.untilMs = simMs + d.legMs;
    };
    const size_t n = d.path.size();
    if (d.state == "Idle") {
        if (d.battery < 50) return go("Charging", (95 - d.battery) * 12);
        if (m_park.pads.empty()) return go("Idle", 600);
        planFlight(d);
        return go("Preflight", 30);
    }
    if (d.state == "Preflight") {
        if (u01(m_rng) < 0.03) return go("Fault", 600);  // failed preflight check
        return go("Takeoff", pathLength(d.path, 0, 1) / kClimbSpeed);
    }
    if (d.state == "Takeoff") return go("Enroute", pathLength(d.path, 1, n - 2) / kCruiseSpeed);
    if (d.state == "Enroute") return go("Hover", 10);  // holding for landing clearance
    if (d.state == "Hover") return go("Landing", pathLength(d.path, n - 2, n - 1) / kDescentSpeed);
    if (d.state == "Landing") {
        d.pad = d.target;
        return go("Idle", 40 + 200 * u01(m_rng));  // a delivery every few minutes per pad
    }
    // Charging, Fault -> Idle
    if (d.state == "Charging") d.battery = 95;
    go("Idle", 40 + 200 * u01(m_rng));
}

void Simulator::stepDrone(size_t i, int64_t simMs, int64_t stampMs, std::vector<Sample>& out) {
    DroneState& d = m_drones[i];
    const SimDrone& drone = m_park.drones[i];
    bool report = false;
    if (d.untilMs == 0) {  // first step: state and position on the pad, then a staggered start
        d.untilMs = simMs + int64_t(noise(i, 11) * 120'000);
        out.push_back({drone.id, Channel::State, d.state, stampMs});
        report = true;
    }
    if (simMs >= d.untilMs) {
        const bool landed = d.state == "Landing";
        nextDroneState(i, simMs);
        out.push_back({drone.id, Channel::State, d.state, stampMs});
        if (landed && !d.path.empty()) d.pos = d.path.back();
        report = report || landed || d.state == "Takeoff";
    }
    const bool flying =
        d.state == "Takeoff" || d.state == "Enroute" || d.state == "Hover" || d.state == "Landing";
    if (flying) {
        d.battery = std::max(0.0, d.battery - (d.state == "Hover" ? 0.08 : 0.05));
        const size_t n = d.path.size();
        const double t = std::clamp(double(simMs - d.legStartMs) / double(d.legMs), 0.0, 1.0);
        const glm::vec3 before = d.pos;
        if (d.state == "Takeoff") d.pos = alongPath(d.path, 0, 1, t);
        if (d.state == "Enroute") d.pos = alongPath(d.path, 1, n - 2, t);
        if (d.state == "Hover") d.pos = d.path[n - 2];
        if (d.state == "Landing") d.pos = alongPath(d.path, n - 2, n - 1, t);
        const glm::vec3 moved = d.pos - before;
        if (std::abs(moved.x) + std::abs(moved.y) > 0.01f)  // heading follows horizontal motion
            d.heading = std::fmod(std::atan2(moved.x, moved.y) * 180 / M_PI + 360, 360);
        if (simMs >= d.nextPoseMs) report = true;
    } else if (simMs >= d.nextPoseMs) {  // on the ground: a heartbeat with state and battery
        report = true;
        out.push_back({drone.id, Channel::State, d.state, stampMs});
    }
    if (!report) return;
    d.nextPoseMs = simMs + (flying ? m_options.flightIntervalMs : kGroundHeartbeatMs);
    out.push_back({drone.id, Channel::Pose, Pose{d.pos.x, d.pos.y, d.pos.z, d.heading}, stampMs});
    out.push_back({drone.id, Channel::Battery, d.battery, stampMs});
}

}  // namespace pt::data
