#pragma once
// The drone and EV-charging service scenes drawn into the park's GpuScene:
//  - static (added once at load): corridors as tubes with direction chevrons at their real
//    heights, no-fly volumes as translucent red prisms, a status slab on every charging bay
//    (coloured by the charger's OCPP status through the entity state);
//  - moving (rebuilt every frame after the static instances): drones at their smoothed pose
//    with heading, trail, battery bar and altitude line, pad beacons in the pad's state colour,
//    and a power bar above each charger scaled by its kW.
// Every shape is an instance of three unit meshes added at load time (service_geometry.h); the
// moving ones go through GpuScene::editMovingInstances(), which uploads them without
// invalidating the shadow map. Main thread; lives as long as the park scene and GpuScene.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "data/telemetry_store.h"
#include "render/camera.h"
#include "render/gpu_scene.h"
#include "render/render_view.h"
#include "twin/drone_fleet.h"
#include "twin/drone_tracks.h"
#include "twin/ev_charging.h"
#include "twin/park_scene.h"
#include "twin/service_geometry.h"

namespace pt::twin {

// Drones are drawn this many times their real size (1.6 m across) so they read from a
// park-wide view, as map symbols do; the pose is exact, only the marker is enlarged.
inline constexpr float kDroneMarkerScale = 8.0f;
// Metres of power bar per kW above a charger (22 kW AC: 5.5 m, 60 kW DC: 15 m).
inline constexpr float kPowerBarMetresPerKw = 0.25f;

// The charger's head (top of the post) in scene space, as the demo geometry draws it.
glm::vec3 chargerHead(const park::Portfolio& portfolio, park::EntityIndex charger);

// Moving instances of one drone: body (the drone's entity, so it takes the state colour and is
// picked), arms, rotors, a heading chevron, a battery bar facing the camera (`cameraRight`), a
// line down to the ground while flying, and the trail fading towards its tail.
void appendDroneMarker(const DroneRow& drone, const glm::vec4& stateColor,
                       std::span<const glm::vec3> trail, const glm::vec3& cameraRight,
                       float groundY, const ServiceMeshes& meshes,
                       std::vector<render::Instance>& out);
// A pad's beacon: a rim under the pad and a translucent light column, in the pad state colour.
void appendPadBeacon(const AirspacePad& pad, PadState state, const ServiceMeshes& meshes,
                     std::vector<render::Instance>& out);
// A charger's power bar (nothing at 0 kW), coloured through the charger's entity state.
void appendPowerBar(const ChargerRow& charger, const glm::vec3& head, const ServiceMeshes& meshes,
                    std::vector<render::Instance>& out);
// The newest `maxLength` metres of a trail, thinned to at most `maxPoints` (both ends kept).
std::vector<glm::vec3> thinTrail(const std::vector<glm::vec3>& trail, size_t maxPoints,
                                 float maxLength);

class ServiceScene {
public:
    ServiceScene() = default;
    // Adds the unit meshes (committing them) and the static geometry to `scene`, and takes out
    // the model's own drone nodes (drones are drawn where their data puts them). Call after
    // loading, before anything copies the scene's instances.
    static ServiceScene create(const ParkScene& park, render::GpuScene& scene);

    // Feeds the drone tracks and charger sessions from `store` (may be null: no data) at data
    // time `nowMs`, then replaces the moving instances after the static ones. `states` holds
    // the rule colours (drone state) per entity; the airspace zones (pads, corridors, no-fly
    // volumes) have no channel of their own, so a layer's stale or no-data grey is cleared
    // from their states (they keep their own colours).
    void update(const data::TelemetryStore* store, std::span<render::EntityState> states,
                int64_t nowMs, const render::Camera& camera, render::GpuScene& scene,
                int utcOffsetMinutes = 8 * 60);

    bool empty() const { return m_portfolio == nullptr; }
    int64_t dataTimeMs() const { return m_nowMs; }  // of the last update
    size_t staticInstanceCount() const { return m_staticCount; }
    const Airspace& airspace() const { return m_airspace; }
    const DroneTracks& tracks() const { return m_tracks; }
    const std::vector<DroneRow>& drones() const { return m_drones; }
    const std::vector<PadStatus>& pads() const { return m_pads; }
    const std::vector<ChargerRow>& chargers() const;
    FleetSummary fleet() const { return summariseFleet(m_drones); }
    EvSummary ev() const { return summariseChargers(chargers()); }

private:
    const park::Portfolio* m_portfolio = nullptr;
    ServiceMeshes m_meshes;
    Airspace m_airspace;
    DroneTracks m_tracks;
    std::optional<EvSessions> m_sessions;
    std::vector<DroneRow> m_drones;
    std::vector<PadStatus> m_pads;
    std::vector<glm::vec3> m_chargerHeads;   // per m_sessions row
    std::vector<render::Instance> m_moving;  // reused every frame
    size_t m_staticCount = 0;
    int64_t m_nowMs = 0;
};

}  // namespace pt::twin
