#include "twin/drone_fleet.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pt::twin {
namespace {

constexpr float kPadMargin = 6.0f;          // a drone this far beyond a pad's rim is still on it
constexpr float kPadAirColumn = 60.0f;      // takeoff / landing column above a pad
constexpr float kCorridorTolerance = 8.0f;  // beyond the corridor's half width: off corridor
constexpr double kLowBattery = 25.0;        // the drone-battery rule's warning

glm::vec3 parkOrigin(const park::Portfolio& p, park::EntityIndex e) {
    const park::EntityIndex parkIndex = p.ancestorOfKind(e, park::EntityKind::Park);
    return parkIndex == park::kNoEntity ? glm::vec3(0.0f) : p.park(parkIndex).scenePosition;
}

float distanceToSegment(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b) {
    const glm::vec3 d = b - a;
    const float len2 = glm::dot(d, d);
    const float t = len2 > 0.0f ? std::clamp(glm::dot(p - a, d) / len2, 0.0f, 1.0f) : 0.0f;
    return glm::distance(p, a + d * t);
}

}  // namespace

Airspace airspaceOf(const park::Portfolio& p) {
    Airspace a;
    for (park::EntityIndex z : p.ofKind(park::EntityKind::Zone)) {
        const glm::vec3 o = parkOrigin(p, z);
        const park::ZoneShape& shape = p.zone(z).shape;
        if (const auto* pad = std::get_if<park::PadShape>(&shape)) {
            a.pads.push_back({z, o + pad->centre, pad->radius});
        } else if (const auto* c = std::get_if<park::CorridorShape>(&shape)) {
            AirspaceCorridor corridor{.entity = z, .width = c->width};
            for (const glm::vec3& q : c->points)
                corridor.points.push_back(o + q);
            a.corridors.push_back(std::move(corridor));
        } else if (const auto* v = std::get_if<park::VolumeShape>(&shape)) {
            AirspaceNoFly volume{.entity = z, .minY = o.y + v->minY, .maxY = o.y + v->maxY};
            for (const glm::vec2& q : v->polygon)
                volume.polygon.push_back(q + glm::vec2(o.x, o.z));
            a.noFly.push_back(std::move(volume));
        }
    }
    return a;
}

bool isFlying(std::string_view s) {
    return s == "Takeoff" || s == "Enroute" || s == "Hover" || s == "Landing";
}

float distanceToPolyline(const glm::vec3& p, std::span<const glm::vec3> points) {
    if (points.empty()) return std::numeric_limits<float>::infinity();
    if (points.size() == 1) return glm::distance(p, points[0]);
    float best = std::numeric_limits<float>::infinity();
    for (size_t i = 0; i + 1 < points.size(); ++i)
        best = std::min(best, distanceToSegment(p, points[i], points[i + 1]));
    return best;
}

bool insideNoFly(const AirspaceNoFly& v, const glm::vec3& p) {
    if (p.y < v.minY || p.y > v.maxY || v.polygon.size() < 3) return false;
    bool inside = false;
    for (size_t i = 0, j = v.polygon.size() - 1; i < v.polygon.size(); j = i++) {
        const glm::vec2 a = v.polygon[i], b = v.polygon[j];
        if ((a.y > p.z) != (b.y > p.z) && p.x < (b.x - a.x) * (p.z - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

namespace {

void classify(DroneRow& row, const Airspace& airspace) {
    const bool flying = isFlying(row.state);
    for (const AirspaceNoFly& v : airspace.noFly)
        if (flying && insideNoFly(v, row.position)) {
            row.activity = Activity::InNoFly;
            row.place = v.entity;
            return;
        }
    for (const AirspacePad& pad : airspace.pads) {
        const glm::vec2 d(row.position.x - pad.centre.x, row.position.z - pad.centre.z);
        const float above = row.position.y - pad.centre.y;
        const bool column = flying && row.state != "Enroute" && above < kPadAirColumn;
        if (glm::length(d) <= pad.radius + kPadMargin && above > -2.0f && (!flying || column)) {
            row.activity = Activity::OnPad;
            row.place = pad.entity;
            return;
        }
    }
    float best = std::numeric_limits<float>::infinity();
    for (const AirspaceCorridor& c : airspace.corridors) {
        const float d = distanceToPolyline(row.position, c.points);
        if (d <= c.width * 0.5f + kCorridorTolerance && d < best) {
            best = d;
            row.activity = Activity::InCorridor;
            row.place = c.entity;
        }
    }
    if (row.activity == Activity::Unknown && flying) row.activity = Activity::OffCorridor;
}

}  // namespace

std::vector<DroneRow> droneRows(const park::Portfolio& p, const Airspace& airspace,
                                const data::TelemetryStore* store, const DroneTracks& tracks,
                                int64_t nowMs) {
    std::vector<DroneRow> rows;
    for (park::EntityIndex e : p.ofKind(park::EntityKind::Device)) {
        if (p.device(e).kind != park::DeviceKind::Drone) continue;
        const glm::vec3 origin = parkOrigin(p, e);
        DroneRow row{.entity = e, .id = p.entity(e).id, .name = p.entity(e).name};
        row.position = origin + p.device(e).position;
        if (store) {
            const data::EntityKey key = store->find(row.id);
            if (key != data::kNoEntity) {
                if (const auto v = store->latest(key, data::Channel::State))
                    if (const auto* s = std::get_if<std::string>(&v->value)) row.state = *s;
                if (const auto v = store->latest(key, data::Channel::Battery))
                    if (const auto* b = std::get_if<double>(&v->value)) row.battery = *b;
            }
        }
        if (const DroneTrack* track = tracks.find(row.id)) {
            if (const auto pose = track->poseAt(nowMs)) {
                row.hasPose = true;
                row.position = pose->position;
                row.headingDeg = pose->headingDeg;
                row.stale = pose->stale && isFlying(row.state);
                // Speed over the last half second of the smoothed path, in data time.
                if (const auto before = track->poseAt(nowMs - 500); before && !pose->stale)
                    row.speed = glm::distance(pose->position, before->position) / 0.5f;
            }
        }
        if (!isFlying(row.state)) row.speed = 0.0f;
        row.altitude = row.position.y - origin.y;
        classify(row, airspace);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string_view toString(PadState s) {
    switch (s) {
        case PadState::Free:
            return "Free";
        case PadState::Occupied:
            return "Occupied";
        case PadState::Charging:
            return "Charging";
        case PadState::Active:
            return "Active";
        case PadState::Fault:
            return "Fault";
    }
    return "Free";
}

uint32_t padColor(PadState s) {
    switch (s) {
        case PadState::Free:
            return 0x2e9e44;  // green: ready to receive
        case PadState::Occupied:
            return 0x1f6fd1;  // blue: a drone parked
        case PadState::Charging:
            return 0x1fb8c9;  // cyan: a drone charging
        case PadState::Active:
            return 0xf0a020;  // amber: rotors turning, keep clear
        case PadState::Fault:
            return 0xd62828;
    }
    return 0x8a8a8a;
}

std::vector<PadStatus> padStates(const Airspace& airspace, std::span<const DroneRow> drones) {
    std::vector<PadStatus> out;
    for (const AirspacePad& pad : airspace.pads) {
        PadStatus s{.entity = pad.entity};
        for (const DroneRow& d : drones) {
            if (d.activity != Activity::OnPad || d.place != pad.entity) continue;
            s.drones++;
            PadState st = PadState::Occupied;
            if (d.state == "Fault")
                st = PadState::Fault;
            else if (isFlying(d.state) || d.state == "Preflight")
                st = PadState::Active;
            else if (d.state == "Charging")
                st = PadState::Charging;
            s.state = std::max(s.state, st);  // the enum is in order of severity
        }
        out.push_back(s);
    }
    return out;
}

FleetSummary summariseFleet(std::span<const DroneRow> drones) {
    FleetSummary s;
    double battery = 0.0;
    int withBattery = 0;
    for (const DroneRow& d : drones) {
        s.total++;
        s.airborne += isFlying(d.state) ? 1 : 0;
        s.charging += d.state == "Charging" ? 1 : 0;
        s.fault += d.state == "Fault" ? 1 : 0;
        s.inNoFly += d.activity == Activity::InNoFly ? 1 : 0;
        if (d.battery) {
            battery += *d.battery;
            withBattery++;
            s.lowBattery += *d.battery < kLowBattery ? 1 : 0;
        }
    }
    s.meanBattery = withBattery > 0 ? battery / withBattery : 0.0;
    return s;
}

}  // namespace pt::twin
