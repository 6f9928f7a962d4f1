#include "data/sim_park_from_portfolio.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include <glm/geometric.hpp>

namespace pt::data {
namespace {

// A corridor's end this close (horizontally) to a pad serves the pad.
constexpr float kRouteToPadMetres = 15.0f;

BuildingUse useOf(park::BuildingUse use) {
    switch (use) {
        case park::BuildingUse::Factory:
            return BuildingUse::Factory;
        case park::BuildingUse::RnD:
            return BuildingUse::RnD;
        case park::BuildingUse::Dormitory:
            return BuildingUse::Dormitory;
        case park::BuildingUse::Services:
            return BuildingUse::Services;
    }
    return BuildingUse::Factory;
}

LeaseState leaseOf(park::LeaseStatus lease) {
    switch (lease) {
        case park::LeaseStatus::Vacant:
            return LeaseState::Vacant;
        case park::LeaseStatus::Leased:
            return LeaseState::Leased;
        case park::LeaseStatus::Reserved:
            return LeaseState::Reserved;
        case park::LeaseStatus::FittingOut:
            return LeaseState::FittingOut;
    }
    return LeaseState::Unknown;
}

bool runsAroundTheClock(std::string_view industry) {
    for (std::string_view key : {"半导体", "集成电路", "semiconductor", "Semiconductor"}) {
        if (industry.find(key) != std::string_view::npos) return true;
    }
    return false;
}

int capacityOf(const park::Unit& unit) {
    if (unit.capacity > 0) return unit.capacity;
    if (unit.area > 0) return std::max(1, int(std::lround(unit.area / 10)));
    return 20;
}

}  // namespace

glm::vec3 simPointFromModel(const glm::vec3& p) {
    return {p.x, -p.z, p.y};
}

SimPark simParkFromPortfolio(const park::Portfolio& portfolio, int utcOffsetMinutes) {
    SimPark sim;
    sim.utcOffsetMinutes = utcOffsetMinutes;
    for (park::EntityIndex index : portfolio.ofKind(park::EntityKind::Unit)) {
        const park::Unit& unit = portfolio.unit(index);
        const park::EntityIndex building =
            portfolio.ancestorOfKind(index, park::EntityKind::Building);
        const BuildingUse use = building == park::kNoEntity
                                    ? BuildingUse::Factory
                                    : useOf(portfolio.building(building).use);
        const double kwPerM2 = use == BuildingUse::Factory ? 0.15 : 0.05;
        sim.units.push_back(SimUnit{
            .id = portfolio.entity(index).id,
            .capacity = capacityOf(unit),
            .use = use,
            .lease = leaseOf(unit.lease),
            .peakKw = unit.area > 0 ? std::max(1.0, double(unit.area) * kwPerM2) : 40.0,
            .nightShift = use == BuildingUse::Factory && runsAroundTheClock(unit.industry)});
    }
    std::vector<park::EntityIndex> padParks;  // pads are park-local: match routes per park
    for (park::EntityIndex index : portfolio.ofKind(park::EntityKind::Zone)) {
        if (park::zoneKind(portfolio.zone(index)) != park::ZoneKind::DronePad) continue;
        const auto& pad = std::get<park::PadShape>(portfolio.zone(index).shape);
        sim.pads.push_back(simPointFromModel(pad.centre));
        padParks.push_back(portfolio.ancestorOfKind(index, park::EntityKind::Park));
    }
    // A corridor whose ends are over two pads of its park becomes a route between them.
    for (park::EntityIndex index : portfolio.ofKind(park::EntityKind::Zone)) {
        const auto* corridor = std::get_if<park::CorridorShape>(&portfolio.zone(index).shape);
        if (!corridor || corridor->points.size() < 2) continue;
        const park::EntityIndex owner = portfolio.ancestorOfKind(index, park::EntityKind::Park);
        auto padUnder = [&](const glm::vec3& modelPoint) {
            const glm::vec3 p = simPointFromModel(modelPoint);
            for (size_t i = 0; i < sim.pads.size(); ++i)
                if (padParks[i] == owner &&
                    glm::distance(glm::vec2(p), glm::vec2(sim.pads[i])) < kRouteToPadMetres)
                    return int(i);
            return -1;
        };
        const int from = padUnder(corridor->points.front());
        const int to = padUnder(corridor->points.back());
        if (from < 0 || to < 0 || from == to) continue;
        SimRoute route{.fromPad = from, .toPad = to};
        for (const glm::vec3& q : corridor->points)
            route.points.push_back(simPointFromModel(q));
        sim.routes.push_back(std::move(route));
    }
    for (park::EntityIndex index : portfolio.ofKind(park::EntityKind::Device)) {
        const park::Device& device = portfolio.device(index);
        const std::string& id = portfolio.entity(index).id;
        if (device.kind == park::DeviceKind::Charger) {
            // A station mixes AC posts with a few DC fast chargers (every sixth).
            sim.chargers.push_back(SimCharger{id, sim.chargers.size() % 6 == 0 ? 60.0 : 22.0});
        } else if (device.kind == park::DeviceKind::Drone) {
            const glm::vec3 home = simPointFromModel(device.position);
            const park::EntityIndex owner = portfolio.ancestorOfKind(index, park::EntityKind::Park);
            int nearest = 0;
            float best = std::numeric_limits<float>::max();
            for (size_t p = 0; p < sim.pads.size(); ++p) {
                if (padParks[p] != owner) continue;  // park-local: another park's pad is elsewhere
                const float d = glm::distance(home, sim.pads[p]);
                if (d < best) best = d, nearest = int(p);
            }
            sim.drones.push_back(SimDrone{id, nearest});
        }
    }
    return sim;
}

void registerPortfolio(const park::Portfolio& portfolio, TelemetryStore& store) {
    for (const park::Entity& entity : portfolio.entities())
        store.ensureEntity(entity.id);
    for (park::EntityIndex index : portfolio.ofKind(park::EntityKind::Unit)) {
        const park::Unit& unit = portfolio.unit(index);
        const EntityKey key = store.find(portfolio.entity(index).id);
        if (unit.capacity > 0) store.setCapacity(key, unit.capacity);
        store.setLease(key, leaseOf(unit.lease), unit.area);
    }
}

}  // namespace pt::data
