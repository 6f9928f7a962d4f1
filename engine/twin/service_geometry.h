#pragma once
// Geometry of the service scenes (drone corridors, no-fly volumes, pad beacons, drone markers,
// charger power bars) as instances of three shared unit meshes: a cube, a cylinder and a flat
// chevron. Nothing here builds a mesh per frame: the meshes are added once at load time and
// every shape is a transform of one of them. Pure functions over plain values; any thread.
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "park/park_model.h"
#include "render/mesh_data.h"

namespace pt::twin {

// Mesh indices in the GpuScene of the three unit meshes below.
struct ServiceMeshes {
    uint32_t cube = 0;
    uint32_t cylinder = 0;
    uint32_t chevron = 0;
};

// Sizes chosen for readability from a park-wide view (~500 m across), not for realism.
inline constexpr float kCorridorTubeRadius = 0.9f;       // the route's centre line
inline constexpr float kCorridorChevronSpacing = 18.0f;  // one direction marker per this much route
inline constexpr float kCorridorChevronSize = 5.0f;      // chevron width, metres
inline constexpr float kCorridorEnvelopeAlpha = 0.10f;   // the corridor's width as a faint tube
inline constexpr float kNoFlyWallAlpha = 0.12f;          // translucent walls; edges opaque
inline constexpr float kNoFlyEdge = 0.8f;                // edge bar thickness
inline constexpr int kNoFlyBands = 2;  // horizontal rings between floor and ceiling

// A centred unit cube (edges 1, from -0.5 to 0.5).
render::MeshData makeUnitCube();
// A closed cylinder along +Y: radius 0.5, y from -0.5 to 0.5.
render::MeshData makeUnitCylinder(int segments = 16);
// A flat arrowhead in the XZ plane pointing +Z, 1 wide and 1 long, 0.2 thick, centred.
render::MeshData makeChevron();

// Linear colour from "#rrggbb"-style packed 0xRRGGBB sRGB.
glm::vec4 linearColor(uint32_t srgb, float alpha = 1.0f);
// Linear colour from an EntityState rgba (unpackUnorm4x8 byte order: r in the low byte); alpha
// is the overlay's own alpha.
glm::vec4 linearFromPacked(uint32_t rgba);

// The unit cylinder stretched from a to b with the given radius (a == b: a flat disc at a).
glm::mat4 segmentTransform(const glm::vec3& a, const glm::vec3& b, float radius);
// A unit mesh at `centre`, its +Z along `forward` and +Y as close to `up` as forward allows,
// scaled per axis.
glm::mat4 orientedTransform(const glm::vec3& centre, const glm::vec3& forward, const glm::vec3& up,
                            const glm::vec3& scale);

// Scene-space points of a park-local corridor polyline.
std::vector<glm::vec3> corridorPoints(const park::CorridorShape& corridor, const glm::vec3& origin);
// Positions and directions of the chevrons along a polyline: every kCorridorChevronSpacing
// metres of length, starting half a spacing in; each points along its segment.
struct Marker {
    glm::vec3 position{0.0f};
    glm::vec3 direction{0.0f, 0.0f, 1.0f};
};
std::vector<Marker> polylineMarkers(const std::vector<glm::vec3>& points, float spacing);

// A corridor: its centre line as opaque tubes (one per segment), a faint envelope of the
// corridor's width, and chevrons pointing from the first point to the last. `entity` (the
// corridor zone) makes it selectable.
void appendCorridor(const park::CorridorShape& corridor, const glm::vec3& origin, uint32_t entity,
                    const ServiceMeshes& meshes, std::vector<render::Instance>& out);
// A no-fly prism: translucent red walls, a translucent ceiling for rectangles, and opaque red
// edges (corners, floor and ceiling outlines, kNoFlyBands rings between them). All unlit, so
// the volume casts no shadow on what it protects.
void appendNoFlyVolume(const park::VolumeShape& volume, const glm::vec3& origin, uint32_t entity,
                       const ServiceMeshes& meshes, std::vector<render::Instance>& out);

}  // namespace pt::twin
