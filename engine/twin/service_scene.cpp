#include "twin/service_scene.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include <glm/trigonometric.hpp>

#include "data/visual_state.h"

namespace pt::twin {
namespace {

constexpr uint32_t kBayColor = 0x9aa3ad;  // a bay without data: concrete grey
constexpr uint32_t kRotorColor = 0x2b2f36;
constexpr uint32_t kArmColor = 0xd9dde3;
constexpr uint32_t kBatteryBack = 0x1c2128;
constexpr uint32_t kNoDataGrey = 0x8a8a8a;
constexpr size_t kTrailPoints = 48;     // segments per trail, enough for smooth curves
constexpr float kTrailMetres = 240.0f;  // the last 20 s of cruise at 12 m/s
constexpr float kPadColumnHeight = 28.0f;
constexpr uint32_t kOverlay = render::kInstanceNoClip | render::kInstanceUnlit;

render::Instance make(uint32_t mesh, const glm::mat4& transform, const glm::vec4& color,
                      uint32_t entity = render::kNoEntity,
                      uint32_t flags = render::kInstanceNoClip) {
    return {.mesh = mesh, .transform = transform, .color = color, .entity = entity, .flags = flags};
}

// The battery ramp of the drone-battery rule: red at 0 %, amber at 50 %, green at 100 %.
glm::vec4 batteryColor(double percent) {
    const float t = float(std::clamp(percent / 100.0, 0.0, 1.0));
    const glm::vec4 red = linearColor(0xd62828), amber = linearColor(0xf0a020),
                    green = linearColor(0x2e9e44);
    return t < 0.5f ? glm::mix(red, amber, t * 2.0f) : glm::mix(amber, green, t * 2.0f - 1.0f);
}

// Forward (heading clockwise from north, north = -Z) in the model's frame.
glm::vec3 headingVector(float headingDeg) {
    const float h = glm::radians(headingDeg);
    return {std::sin(h), 0.0f, -std::cos(h)};
}

}  // namespace

glm::vec3 chargerHead(const park::Portfolio& p, park::EntityIndex charger) {
    const park::EntityIndex parkIndex = p.ancestorOfKind(charger, park::EntityKind::Park);
    const glm::vec3 origin =
        parkIndex == park::kNoEntity ? glm::vec3(0.0f) : p.park(parkIndex).scenePosition;
    // tools/site_mesh.cpp draws the post 1.6 m tall at the bay's head end (local z -3.0..-2.7).
    return origin + p.device(charger).position + glm::vec3(0.0f, 1.6f, -2.85f);
}

std::vector<glm::vec3> thinTrail(const std::vector<glm::vec3>& trail, size_t maxPoints,
                                 float maxLength) {
    // The newest maxLength metres only (a fast-forwarded simulation would trace whole routes).
    size_t first = trail.size() > 0 ? trail.size() - 1 : 0;
    for (float length = 0.0f; first > 0; --first) {
        length += glm::distance(trail[first], trail[first - 1]);
        if (length > maxLength) break;
    }
    const std::vector<glm::vec3> recent(trail.begin() + std::ptrdiff_t(first), trail.end());
    if (recent.size() <= maxPoints || maxPoints < 2) return recent;
    std::vector<glm::vec3> out;
    out.reserve(maxPoints);
    for (size_t i = 0; i < maxPoints; ++i)
        out.push_back(recent[i * (recent.size() - 1) / (maxPoints - 1)]);
    return out;
}

void appendDroneMarker(const DroneRow& d, const glm::vec4& stateColor,
                       std::span<const glm::vec3> trail, const glm::vec3& cameraRight,
                       float groundY, const ServiceMeshes& m, std::vector<render::Instance>& out) {
    const float s = kDroneMarkerScale;
    const glm::vec3 forward = headingVector(d.headingDeg);
    const glm::vec3 up(0, 1, 0);
    const glm::vec3 c = d.position + glm::vec3(0, 0.25f * s, 0);
    const glm::vec4 white = linearColor(0xffffff);
    out.push_back(make(m.cube, orientedTransform(c, forward, up, glm::vec3(0.55f, 0.3f, 0.7f) * s),
                       white, d.entity));
    // An X of arms with a rotor at each end, turned 45 degrees to the heading.
    const glm::vec3 side = glm::normalize(glm::cross(forward, up));
    for (float sign : {1.0f, -1.0f}) {
        const glm::vec3 arm = glm::normalize(forward + side * sign);
        out.push_back(make(m.cube, orientedTransform(c, arm, up, glm::vec3(0.12f, 0.08f, 1.6f) * s),
                           linearColor(kArmColor), d.entity));
        for (float end : {0.8f, -0.8f}) {
            const glm::vec3 hub = c + arm * (end * s) + glm::vec3(0, 0.1f * s, 0);
            out.push_back(make(
                m.cylinder, orientedTransform(hub, forward, up, glm::vec3(0.7f, 0.05f, 0.7f) * s),
                linearColor(kRotorColor), d.entity));
        }
    }
    // A halo in the state colour under the drone: the symbol reads from afar.
    out.push_back(make(
        m.cylinder,
        segmentTransform(c - glm::vec3(0, 0.05f * s, 0), c - glm::vec3(0, 0.02f * s, 0), 1.5f * s),
        glm::vec4(glm::vec3(stateColor), 0.45f), d.entity, kOverlay));
    // Heading: a chevron ahead of the nose, in the state colour.
    out.push_back(make(
        m.chevron,
        orientedTransform(c + forward * (1.25f * s), forward, up, glm::vec3(0.9f, 0.6f, 0.7f) * s),
        glm::vec4(glm::vec3(stateColor), 1.0f), d.entity, kOverlay));
    // Battery: a dark rail and a fill facing the camera, above the drone.
    if (d.battery) {
        const glm::vec3 right =
            glm::length(cameraRight) > 1e-6f ? glm::normalize(cameraRight) : glm::vec3(1, 0, 0);
        const glm::vec3 facing = glm::normalize(glm::cross(right, up));  // towards the camera
        const float width = 2.2f * s, height = 0.3f * s;
        const glm::vec3 centre = c + glm::vec3(0, 1.1f * s, 0);
        out.push_back(make(m.cube,
                           orientedTransform(centre, facing, up, {width + 0.1f * s, height, 0.1f}),
                           linearColor(kBatteryBack), render::kNoEntity, kOverlay));
        const float fill = float(std::clamp(*d.battery / 100.0, 0.0, 1.0)) * width;
        if (fill > 0.0f)
            out.push_back(
                make(m.cube,
                     orientedTransform(centre - right * ((width - fill) * 0.5f) + facing * 0.15f,
                                       facing, up, {fill, height * 0.7f, 0.1f}),
                     batteryColor(*d.battery), render::kNoEntity, kOverlay));
    }
    if (!isFlying(d.state)) return;
    if (d.position.y - groundY > 1.0f)  // altitude at a glance: a faint line to the ground
        out.push_back(
            make(m.cylinder,
                 segmentTransform({d.position.x, groundY, d.position.z}, d.position, 0.12f * s),
                 glm::vec4(1.0f, 1.0f, 1.0f, 0.35f), render::kNoEntity, kOverlay));
    for (size_t i = 0; i + 1 < trail.size(); ++i) {
        if (glm::distance(trail[i], trail[i + 1]) < 1e-3f) continue;
        const float age = float(i + 1) / float(trail.size());  // 0 oldest .. 1 newest
        glm::vec4 color = stateColor;
        color.a = 0.15f + 0.65f * age;
        out.push_back(make(m.cylinder, segmentTransform(trail[i], trail[i + 1], 0.18f * s), color,
                           render::kNoEntity, kOverlay));
    }
}

void appendPadBeacon(const AirspacePad& pad, PadState state, const ServiceMeshes& m,
                     std::vector<render::Instance>& out) {
    const glm::vec4 color = linearColor(padColor(state));
    // The rim: a disc just wider than the pad's deck (the deck reaches radius + 0.5).
    out.push_back(make(m.cylinder,
                       segmentTransform(pad.centre - glm::vec3(0, 0.6f, 0),
                                        pad.centre - glm::vec3(0, 0.02f, 0), pad.radius + 1.6f),
                       color, pad.entity, kOverlay));
    out.push_back(
        make(m.cylinder,
             segmentTransform(pad.centre, pad.centre + glm::vec3(0, kPadColumnHeight, 0), 1.6f),
             glm::vec4(glm::vec3(color), 0.45f), pad.entity, kOverlay));
}

void appendPowerBar(const ChargerRow& charger, const glm::vec3& head, const ServiceMeshes& m,
                    std::vector<render::Instance>& out) {
    if (charger.powerKw <= 0.05) return;
    const float h = float(charger.powerKw) * kPowerBarMetresPerKw;
    out.push_back(make(m.cube,
                       orientedTransform(head + glm::vec3(0, 0.2f + h * 0.5f, 0), {0, 0, 1},
                                         {0, 1, 0}, {0.8f, h, 0.8f}),
                       linearColor(ocppColor(charger.status)), charger.entity,
                       render::kInstanceNoClip | render::kInstanceUnlit));
}

ServiceScene ServiceScene::create(const ParkScene& park, render::GpuScene& scene) {
    ServiceScene s;
    const park::Portfolio& p = park.portfolio;
    s.m_portfolio = &p;
    s.m_airspace = airspaceOf(p);
    s.m_sessions.emplace(p);
    s.m_meshes = {.cube = scene.addMesh(makeUnitCube()),
                  .cylinder = scene.addMesh(makeUnitCylinder(20)),
                  .chevron = scene.addMesh(makeChevron())};
    scene.commit();

    std::unordered_set<uint32_t> drones;
    for (park::EntityIndex e : p.ofKind(park::EntityKind::Device))
        if (p.device(e).kind == park::DeviceKind::Drone) drones.insert(e);
    std::vector<render::Instance>& instances = scene.editInstances();
    std::erase_if(instances, [&](const render::Instance& i) { return drones.count(i.entity) > 0; });
    for (park::EntityIndex z : p.ofKind(park::EntityKind::Zone)) {
        const park::EntityIndex parkIndex = p.ancestorOfKind(z, park::EntityKind::Park);
        const glm::vec3 origin = p.park(parkIndex).scenePosition;
        const park::ZoneShape& shape = p.zone(z).shape;
        if (const auto* c = std::get_if<park::CorridorShape>(&shape))
            appendCorridor(*c, origin, z, s.m_meshes, instances);
        else if (const auto* v = std::get_if<park::VolumeShape>(&shape))
            appendNoFlyVolume(*v, origin, z, s.m_meshes, instances);
    }
    for (const ChargerRow& row : s.m_sessions->rows()) {
        const glm::vec3 head = chargerHead(p, row.entity);
        s.m_chargerHeads.push_back(head);
        // The bay's status slab (2.3 x 5 m), coloured by the charger's status.
        const glm::vec3 bay = head - glm::vec3(0.0f, 1.6f, -2.85f);
        instances.push_back(make(s.m_meshes.cube,
                                 orientedTransform(bay + glm::vec3(0, 0.09f, 0), {0, 0, 1},
                                                   {0, 1, 0}, {2.2f, 0.06f, 4.8f}),
                                 linearColor(kBayColor), row.entity));
    }
    s.m_staticCount = instances.size();
    return s;
}

const std::vector<ChargerRow>& ServiceScene::chargers() const {
    static const std::vector<ChargerRow> none;
    return m_sessions ? m_sessions->rows() : none;
}

void ServiceScene::update(const data::TelemetryStore* store, std::span<render::EntityState> states,
                          int64_t nowMs, const render::Camera& camera, render::GpuScene& scene,
                          int utcOffsetMinutes) {
    if (empty()) return;
    m_nowMs = nowMs;
    if (store) {
        m_tracks.update(*m_portfolio, *store);
        m_sessions->update(*store, nowMs, utcOffsetMinutes);
    }
    const uint32_t noData = data::VisualFlag::kStale | data::VisualFlag::kNoData;
    auto keepLook = [&](park::EntityIndex e) {
        if (e >= states.size() || !(states[e].flags & noData)) return;
        states[e].flags &= ~noData;
        states[e].rgba = 0;  // no overlay: the zone's own colours
    };
    for (const AirspacePad& p : m_airspace.pads)
        keepLook(p.entity);
    for (const AirspaceCorridor& c : m_airspace.corridors)
        keepLook(c.entity);
    for (const AirspaceNoFly& v : m_airspace.noFly)
        keepLook(v.entity);
    m_drones = droneRows(*m_portfolio, m_airspace, store, m_tracks, nowMs);
    m_pads = padStates(m_airspace, m_drones);

    m_moving.clear();
    const glm::vec3 right = glm::cross(camera.target - camera.eye, glm::vec3(0, 1, 0));
    for (const DroneRow& d : m_drones) {
        const uint32_t rgba = d.entity < states.size() ? states[d.entity].rgba : 0u;
        glm::vec4 color =
            (rgba >> 24) != 0 && !d.stale ? linearFromPacked(rgba) : linearColor(kNoDataGrey);
        std::vector<glm::vec3> trail;
        if (const DroneTrack* track = m_tracks.find(d.id); track && isFlying(d.state))
            trail = thinTrail(track->trail(nowMs), kTrailPoints, kTrailMetres);
        appendDroneMarker(d, color, trail, right, d.position.y - d.altitude, m_meshes, m_moving);
    }
    for (size_t i = 0; i < m_pads.size(); ++i)
        appendPadBeacon(m_airspace.pads[i], m_pads[i].state, m_meshes, m_moving);
    const auto& rows = m_sessions->rows();
    for (size_t i = 0; i < rows.size(); ++i)
        appendPowerBar(rows[i], m_chargerHeads[i], m_meshes, m_moving);

    for (render::Instance& i : m_moving)
        i.flags |= render::kInstanceNoShadow;  // the cached shadow map never sees them move
    std::vector<render::Instance>& instances = scene.editMovingInstances();
    instances.resize(std::min(instances.size(), m_staticCount));
    instances.insert(instances.end(), m_moving.begin(), m_moving.end());
}

}  // namespace pt::twin
