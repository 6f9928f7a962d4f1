#pragma once
// The park model: Portfolio -> Park -> Building -> Floor -> Unit, plus Zones and Devices.
//
// Every addressable thing is an *entity* in one flat table with a dense EntityIndex, so the
// renderer (per-instance entity index, per-entity visual state) and the telemetry store can use
// plain arrays. Typed attributes live in per-kind tables (parks, buildings, ...) reached through
// the entity's `slot`. Ids are stable readable strings (DOMAIN.md): `gm`, `gm/A3`, `gm/A3/F12`,
// `gm/A3/F12/U1203`, `gm/ev/P1`, `gm/ev/P1/C07`, `gm/drone/D04`.
//
// Coordinates: metres, y-up (glTF). Each park has a local frame whose origin sits at `geoOrigin`
// on the globe and at `scenePosition` in the portfolio's scene. Building transforms, zones and
// devices are in park-local coordinates; footprints and unit outlines in building-local XZ.
//
// Threading: a Portfolio is built once (loader or generator) and then read from any thread;
// mutation is not synchronised. Entity indices stay valid for the Portfolio's lifetime (entities
// are never removed).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "core/result.h"

namespace pt::park {

using EntityIndex = std::uint32_t;
inline constexpr EntityIndex kNoEntity = 0xFFFFFFFFu;

enum class EntityKind : std::uint8_t { Park, Building, Floor, Unit, Zone, Device };
inline constexpr std::size_t kEntityKindCount = 6;

enum class LeaseStatus : std::uint8_t { Vacant, Leased, Reserved, FittingOut };
enum class BuildingUse : std::uint8_t { Factory, RnD, Dormitory, Services };
enum class ZoneKind : std::uint8_t { DronePad, DroneCorridor, NoFlyVolume, EvChargingArea };
enum class DeviceKind : std::uint8_t { Sensor, Meter, Charger, Drone, Camera };

// One row of the flat entity table. `slot` indexes the per-kind attribute table.
struct Entity {
    std::string id;
    EntityKind kind = EntityKind::Park;
    EntityIndex parent = kNoEntity;  // kNoEntity for parks
    std::string name;                // display name, may be Chinese; may be empty
    std::uint32_t slot = 0;
};

struct GeoOrigin {
    double latitude = 0.0;   // degrees, WGS84
    double longitude = 0.0;  // degrees, WGS84
    double altitude = 0.0;   // metres above the ellipsoid
};

// Placement in the parent frame: translate, then rotate about +Y (counter-clockwise seen from
// above, degrees). Parks are laid out on flat ground, so no other rotation is needed.
struct Transform {
    glm::vec3 position{0.0f};
    float rotationDeg = 0.0f;
};

struct Park {
    GeoOrigin geoOrigin;
    glm::vec3 scenePosition{0.0f};    // where the park's local origin sits in the portfolio scene
    std::vector<std::string> models;  // site models (roads, green, car parks), park-local
};

// Maps model node names to entities: `pattern` is an ECMAScript regex matched against the whole
// node name; `target` is an entity id where `$1`, `$2`... are replaced by capture groups,
// e.g. {"^L(\\d+)$", "gm/A3/F$1"}. The first matching rule wins.
struct NodeRule {
    std::string pattern;
    std::string target;
};

struct Building {
    BuildingUse use = BuildingUse::Factory;
    Transform transform;  // park-local
    // Building-local polygon, counter-clockwise in (x, z) coordinates: a rectangle is
    // (x0,z0), (x1,z0), (x1,z1), (x0,z1). All polygons in the model follow this convention.
    std::vector<glm::vec2> footprint;
    std::vector<std::string> models;  // paths relative to the manifest's folder
    std::vector<NodeRule> nodeRules;
};

struct Floor {
    int number = 1;           // 1 = ground floor; basements negative (B1 = -1)
    float elevation = 0.0f;   // metres, floor slab top relative to the building's origin
    float height = 0.0f;      // metres, floor to floor
    float loadRating = 0.0f;  // kN/m^2 design live load
};

struct Unit {
    float area = 0.0f;  // m^2, lettable
    LeaseStatus lease = LeaseStatus::Vacant;
    std::string tenant;              // empty when vacant
    std::string industry;            // e.g. "新能源"; empty when vacant
    int capacity = 0;                // people
    std::vector<glm::vec2> outline;  // building-local XZ polygon; empty if only the model has it
};

struct PadShape {
    glm::vec3 centre{0.0f};
    float radius = 0.0f;
};
struct CorridorShape {
    std::vector<glm::vec3> points;  // polyline, at least two points
    float width = 0.0f;
};
// A vertical prism: XZ polygon extruded from minY to maxY. A box is a four-point prism.
struct VolumeShape {
    std::vector<glm::vec2> polygon;
    float minY = 0.0f;
    float maxY = 0.0f;
};
struct EvAreaShape {
    std::vector<glm::vec2> polygon;  // XZ, on the ground
    int bays = 0;
};
using ZoneShape = std::variant<PadShape, CorridorShape, VolumeShape, EvAreaShape>;

struct Zone {
    ZoneShape shape;  // park-local; the alternative decides the ZoneKind
    // The building a rooftop pad (or any zone) stands on, so it can hide with its building.
    EntityIndex building = kNoEntity;
};
ZoneKind zoneKind(const Zone& zone);

struct Device {
    DeviceKind kind = DeviceKind::Sensor;
    glm::vec3 position{0.0f};  // park-local (a drone's home position)
};

// Owns all entities and their attributes. Entities are only added, never removed, so an
// EntityIndex handed out stays valid. Ids and parents are fixed once added (only the entity table
// holds them, read-only); typed attributes may be edited through the mutable accessors.
class Portfolio {
public:
    const std::string& name() const { return m_name; }
    void setName(std::string name) { m_name = std::move(name); }

    // Each add checks the id (see checkChildId) and uniqueness; the parent's kind must suit the
    // child (a programming error otherwise: the caller has the parent's index from an add).
    Result<EntityIndex> addPark(std::string id, std::string name, Park park);
    Result<EntityIndex> addBuilding(EntityIndex park, std::string id, std::string name,
                                    Building building);
    Result<EntityIndex> addFloor(EntityIndex building, std::string id, std::string name,
                                 Floor floor);
    Result<EntityIndex> addUnit(EntityIndex floor, std::string id, std::string name, Unit unit);
    Result<EntityIndex> addZone(EntityIndex park, std::string id, std::string name, Zone zone);
    // A device's parent may be any entity (a charger in an EV zone, a meter on a floor...).
    Result<EntityIndex> addDevice(EntityIndex parent, std::string id, std::string name,
                                  Device device);

    std::span<const Entity> entities() const { return m_entities; }
    const Entity& entity(EntityIndex index) const;
    std::optional<EntityIndex> findEntity(std::string_view id) const;
    std::span<const EntityIndex> children(EntityIndex index) const;
    // All entities of one kind in insertion order (parks(), etc. are shorthands).
    std::span<const EntityIndex> ofKind(EntityKind kind) const;
    std::span<const EntityIndex> parks() const { return ofKind(EntityKind::Park); }
    std::size_t count(EntityKind kind) const { return ofKind(kind).size(); }
    // The nearest ancestor (or the entity itself) of `kind`, or kNoEntity.
    EntityIndex ancestorOfKind(EntityIndex index, EntityKind kind) const;

    // Typed access by index; the entity must be of that kind (checked, aborts otherwise).
    const Park& park(EntityIndex index) const;
    Park& park(EntityIndex index);
    const Building& building(EntityIndex index) const;
    Building& building(EntityIndex index);
    const Floor& floor(EntityIndex index) const;
    Floor& floor(EntityIndex index);
    const Unit& unit(EntityIndex index) const;
    Unit& unit(EntityIndex index);
    const Zone& zone(EntityIndex index) const;
    Zone& zone(EntityIndex index);
    const Device& device(EntityIndex index) const;
    Device& device(EntityIndex index);

    // Typed lookups by id: nullptr if there is no such id or it names another kind.
    const Park* findPark(std::string_view id) const;
    const Building* findBuilding(std::string_view id) const;
    const Floor* findFloor(std::string_view id) const;
    const Unit* findUnit(std::string_view id) const;
    const Zone* findZone(std::string_view id) const;
    const Device* findDevice(std::string_view id) const;

private:
    struct IdHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    Result<EntityIndex> addEntity(EntityKind kind, EntityIndex parent, std::string id,
                                  std::string name, std::uint32_t slot);
    std::optional<EntityIndex> findOfKind(std::string_view id, EntityKind kind) const;
    std::uint32_t slotOf(EntityIndex index, EntityKind kind) const;

    std::string m_name;
    std::vector<Entity> m_entities;
    std::vector<std::vector<EntityIndex>> m_children;
    std::vector<EntityIndex> m_byKind[kEntityKindCount];
    std::unordered_map<std::string, EntityIndex, IdHash, std::equal_to<>> m_byId;
    std::vector<Park> m_parks;
    std::vector<Building> m_buildings;
    std::vector<Floor> m_floors;
    std::vector<Unit> m_units;
    std::vector<Zone> m_zones;
    std::vector<Device> m_devices;
};

// Id rules. A segment is 1-64 characters of [A-Za-z0-9_.-]. A park id is one segment. A child's
// id is its parent's id, '/', then one segment (buildings, floors, units) or one or more
// segments (zones `gm/ev/P1`, devices `gm/drone/D04`). Returns what is wrong, or nullopt if valid.
std::optional<std::string> checkChildId(std::string_view parentId, std::string_view id,
                                        EntityKind kind);
bool isValidIdSegment(std::string_view segment);

// Enum names as used in manifests and descriptions ("Vacant", "FittingOut", "RnD"...).
std::string_view toString(EntityKind kind);
std::string_view toString(LeaseStatus status);
std::string_view toString(BuildingUse use);
std::string_view toString(ZoneKind kind);
std::string_view toString(DeviceKind kind);
std::optional<LeaseStatus> parseLeaseStatus(std::string_view text);
std::optional<BuildingUse> parseBuildingUse(std::string_view text);
std::optional<ZoneKind> parseZoneKind(std::string_view text);
std::optional<DeviceKind> parseDeviceKind(std::string_view text);

}  // namespace pt::park
