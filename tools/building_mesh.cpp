#include "building_mesh.h"

#include <algorithm>
#include <cmath>

#include <glm/common.hpp>
#include <glm/geometric.hpp>

#include "demo_palette.h"
#include "mesh_builder.h"
#include "park/demo_park.h"

namespace pt::tools {

using park::EntityIndex;
using park::EntityKind;

namespace {

constexpr float kSlab = 0.3f;           // structural slab thickness
constexpr float kSillHeight = 1.1f;     // spandrel panel below the window band
constexpr float kHeadHeight = 0.7f;     // spandrel panel above the window band
constexpr float kFacadeDepth = 0.25f;   // spandrel panel thickness
constexpr float kColumnSpacing = 9.0f;  // typical structural grid of such factories

struct Plate {
    float halfLength;  // along X
    float halfDepth;   // along Z
    float usableHalf() const { return halfLength - park::kDemoCoreLength; }
};

Plate plateOf(const park::Building& b) {
    float hx = 0.0f, hz = 0.0f;
    for (glm::vec2 p : b.footprint) {
        hx = std::max(hx, std::abs(p.x));
        hz = std::max(hz, std::abs(p.y));
    }
    return {hx, hz};
}

// Each floor comes in three parts: what is drawn at every distance (`common`), the solid
// building with its interior and see-through glass drawn only near (`near`, node
// "<floor>#lod-near"), and its far stand-in (`far`, node "<floor>#lod-far"): only the outward
// faces of the facade and the cores, a hollow shell. Each unit likewise has its box near and an
// opaque glass panel in its colour on the facade far. Far away a building is then one or two
// layers deep instead of every slab, column, unit box and inner face behind each other, all of
// which a CPU rasteriser would cover.
struct FloorParts {
    MeshBuilder common, near, far;
};

// Window band, spandrels and mullions on both long faces (the short ends are the cores).
void facade(FloorParts& parts, const DemoPalette& pal, const Plate& plate, float height,
            park::BuildingUse use) {
    const float x0 = -plate.usableHalf(), x1 = plate.usableHalf();
    const float mullionStep = use == park::BuildingUse::Dormitory ? 3.6f : 3.0f;
    const float y0 = kSillHeight, y1 = height - kHeadHeight;
    for (float side : {-1.0f, 1.0f}) {
        const float zo = side * plate.halfDepth, zi = side * (plate.halfDepth - kFacadeDepth);
        const bool out = side > 0;  // the facade faces +z
        parts.near.box(pal.spandrel, {x0, kSlab, zi}, {x1, kSillHeight, zo});
        parts.near.box(pal.spandrel, {x0, height - kHeadHeight, zi}, {x1, height, zo});
        if (side > 0)
            parts.near.quad(pal.glass, {x0, y0, zi}, {x1, y0, zi}, {x1, y1, zi}, {x0, y1, zi});
        else
            parts.near.quad(pal.glass, {x1, y0, zi}, {x0, y0, zi}, {x0, y1, zi}, {x1, y1, zi});
        // Far: the slab edge and the spandrels' outer faces, the sill and head reveals of the
        // window band and its jambs at the cores (the panels are the units').
        parts.far.face(pal.concrete, {x0, 0.0f, zi}, {x1, kSlab, zo}, 2, out);
        parts.far.face(pal.spandrel, {x0, kSlab, zi}, {x1, y0, zo}, 2, out);
        parts.far.face(pal.spandrel, {x0, y1, zi}, {x1, height, zo}, 2, out);
        parts.far.face(pal.spandrel, {x0, y0, zi}, {x1, y0, zo}, 1, true);
        parts.far.face(pal.spandrel, {x0, y1, zi}, {x1, y1, zo}, 1, false);
        parts.far.face(pal.core, {x0, y0, zi}, {x0, y1, zo}, 0, true);
        parts.far.face(pal.core, {x1, y0, zi}, {x1, y1, zo}, 0, false);
        const int mullions = int((x1 - x0) / mullionStep);
        for (int i = 1; i < mullions; ++i) {
            const float x = x0 + (x1 - x0) * float(i) / float(mullions);
            parts.common.box(pal.mullion, {x - 0.07f, y0, zi - side * 0.05f}, {x + 0.07f, y1, zo});
        }
    }
}

void structure(FloorParts& parts, const DemoPalette& pal, const Plate& plate, float height) {
    const float hx = plate.halfLength, hz = plate.halfDepth, core = park::kDemoCoreLength;
    parts.near.box(pal.concrete, {-hx, 0.0f, -hz}, {hx, kSlab, hz});
    for (float side : {-1.0f, 1.0f}) {
        // Cores at both ends: stairs, passenger and freight lifts (3 m doors onto the corridor).
        const glm::vec3 a{side * hx, kSlab, -hz}, b{side * (hx - core), height, hz};
        parts.near.box(pal.core, a, b);
        // Far: the core's end wall and its two faces in the long facades, slab edge included.
        const glm::vec3 floor{a.x, 0.0f, a.z};
        parts.far.face(pal.core, floor, b, 0, side > 0);
        parts.far.face(pal.core, floor, b, 2, true);
        parts.far.face(pal.core, floor, b, 2, false);
        const float face = side * (hx - core);
        parts.near.box(pal.door, {face, kSlab, -1.5f}, {face - side * 0.08f, kSlab + 3.6f, 1.5f});
    }
    const int bays = std::max(1, int(std::round(2.0f * plate.usableHalf() / kColumnSpacing)));
    for (int i = 0; i <= bays; ++i) {
        const float x = -plate.usableHalf() + 2.0f * plate.usableHalf() * float(i) / float(bays);
        for (float z : {-(hz - 0.8f), hz - 0.8f})
            parts.near.box(pal.concrete, {x - 0.35f, kSlab, z - 0.35f},
                           {x + 0.35f, height, z + 0.35f});
    }
}

// A basement: slab, cores and retaining walls, no glazing.
void basement(MeshBuilder& m, const DemoPalette& pal, const Plate& plate, float height) {
    const float hx = plate.halfLength, hz = plate.halfDepth;
    m.box(pal.concrete, {-hx, 0.0f, -hz}, {hx, kSlab, hz});
    m.box(pal.concrete, {-hx, kSlab, -hz}, {hx, height, -hz + 0.4f});
    m.box(pal.concrete, {-hx, kSlab, hz - 0.4f}, {hx, height, hz});
    for (float side : {-1.0f, 1.0f})
        m.box(pal.core, {side * hx, kSlab, -hz}, {side * (hx - park::kDemoCoreLength), height, hz});
}

// A level-of-detail child of `parent` (see FloorParts), inheriting its entity.
void addLodChild(GlbBuilder& glb, GlbNode& parent, const char* level, MeshBuilder& parts) {
    if (parts.empty()) return;
    parent.children.push_back(
        glb.addNode(GlbNode{.name = parent.name + "#lod-" + level, .primitives = parts.take()}));
}

std::uint32_t unitNode(GlbBuilder& glb, const DemoPalette& pal, const park::Portfolio& p,
                       EntityIndex unit, const Plate& plate, float height) {
    const auto& outline = p.unit(unit).outline;
    glm::vec2 lo(1e9f), hi(-1e9f);
    for (glm::vec2 v : outline) {
        lo = glm::min(lo, v);
        hi = glm::max(hi, v);
    }
    MeshBuilder near, far;
    // Inset so neighbouring units read as separate blocks and stay inside the facade.
    near.box(pal.unit, {lo.x + 0.3f, kSlab, lo.y + 0.3f},
             {hi.x - 0.3f, height - 0.5f, hi.y - 0.3f});
    // Far: the unit's stretch of the window band, as opaque glass that takes its colour.
    const float x0 = std::max(lo.x, -plate.usableHalf()), x1 = std::min(hi.x, plate.usableHalf());
    const float y0 = kSillHeight, y1 = height - kHeadHeight;
    const float zi = plate.halfDepth - kFacadeDepth;
    if (x1 > x0 && hi.y >= plate.halfDepth - 0.5f)
        far.quad(pal.glass, {x0, y0, zi}, {x1, y0, zi}, {x1, y1, zi}, {x0, y1, zi});
    if (x1 > x0 && lo.y <= -plate.halfDepth + 0.5f)
        far.quad(pal.glass, {x1, y0, -zi}, {x0, y0, -zi}, {x0, y1, -zi}, {x1, y1, -zi});
    GlbNode node{.name = p.entity(unit).id};
    addLodChild(glb, node, "near", near);
    addLodChild(glb, node, "far", far);
    return glb.addNode(std::move(node));
}

std::uint32_t floorNode(GlbBuilder& glb, const DemoPalette& pal, const park::Portfolio& p,
                        EntityIndex floor, const Plate& plate, park::BuildingUse use) {
    const park::Floor& f = p.floor(floor);
    FloorParts parts;
    if (f.number < 0) {
        basement(parts.common, pal, plate, f.height);
    } else {
        structure(parts, pal, plate, f.height);
        facade(parts, pal, plate, f.height, use);
    }
    GlbNode node{.name = p.entity(floor).id,
                 .translation = {0.0f, f.elevation, 0.0f},
                 .primitives = parts.common.take()};
    addLodChild(glb, node, "near", parts.near);
    addLodChild(glb, node, "far", parts.far);
    for (EntityIndex child : p.children(floor))
        if (p.entity(child).kind == EntityKind::Unit)
            node.children.push_back(unitNode(glb, pal, p, child, plate, f.height));
    return glb.addNode(std::move(node));
}

void roof(MeshBuilder& m, const DemoPalette& pal, const Plate& plate, float top) {
    const float hx = plate.halfLength, hz = plate.halfDepth, t = top + 0.4f;
    m.box(pal.roof, {-hx, top, -hz}, {hx, t, hz});
    m.box(pal.concrete, {-hx, t, -hz}, {hx, t + 1.2f, -hz + 0.3f});
    m.box(pal.concrete, {-hx, t, hz - 0.3f}, {hx, t + 1.2f, hz});
    m.box(pal.concrete, {-hx, t, -hz}, {-hx + 0.3f, t + 1.2f, hz});
    m.box(pal.concrete, {hx - 0.3f, t, -hz}, {hx, t + 1.2f, hz});
    // Lift overruns on the cores' -Z halves: the +X core's centre stays free for the drone pad.
    for (float side : {-1.0f, 1.0f})
        m.box(pal.core, {side * (hx - 1.0f), t, -hz + 1.0f},
              {side * (hx - park::kDemoCoreLength + 1.0f), t + 4.0f, -hz + 6.0f});
    // Roof plant (air handlers, cooling towers) in the middle, clear of the pad at +X.
    const float start = -plate.usableHalf() + 3.0f, end = plate.usableHalf() - 20.0f;
    for (float x = start; x + 6.0f < end; x += 11.0f) {
        m.box(pal.equipment, {x, t, -4.0f}, {x + 6.0f, t + 2.8f, 0.0f});
        m.box(pal.equipment, {x + 1.0f, t, 1.5f}, {x + 4.0f, t + 3.5f, 4.5f});
    }
}

// Ground-level docks on +Z, and a truck ramp on -Z up to the second floor's dock: multi-level
// logistics is what makes "industry upstairs" buildings work.
void logistics(MeshBuilder& m, const DemoPalette& pal, const Plate& plate, float secondFloor) {
    const float hz = plate.halfDepth;
    m.box(pal.dock, {-12.0f, 0.0f, hz}, {12.0f, 1.2f, hz + 4.0f});
    m.box(pal.canopy, {-14.0f, 5.6f, hz}, {14.0f, 5.9f, hz + 7.0f});
    for (int i = 0; i < 4; ++i) {
        const float x = -10.0f + 5.5f * float(i);
        m.box(pal.door, {x, 1.2f, hz}, {x + 3.5f, 4.8f, hz + 0.06f});
    }
    if (secondFloor <= 0.0f) return;
    const float x0 = -plate.usableHalf(), x1 = plate.usableHalf() - 10.0f;
    const float z0 = -hz - 8.0f, z1 = -hz - 1.0f, y = secondFloor;
    m.quad(pal.asphalt, {x0, 0.0f, z1}, {x1, y, z1}, {x1, y, z0}, {x0, 0.0f, z0});
    m.triangle(pal.concrete, {x0, 0.0f, z0}, {x1, y, z0}, {x1, 0.0f, z0});
    m.triangle(pal.concrete, {x0, 0.0f, z1}, {x1, 0.0f, z1}, {x1, y, z1});
    m.box(pal.dock, {x1, 0.0f, z0}, {x1 + 10.0f, y, -hz});
}

}  // namespace

GlbBuilder buildingGlb(const park::Portfolio& p, EntityIndex building) {
    GlbBuilder glb;
    const park::Building& b = p.building(building);
    const DemoPalette pal = addDemoPalette(glb, b.use);
    const Plate plate = plateOf(b);
    GlbNode root{.name = p.entity(building).id};
    float top = 0.0f, secondFloor = 0.0f;
    for (EntityIndex child : p.children(building)) {
        if (p.entity(child).kind != EntityKind::Floor) continue;
        const park::Floor& f = p.floor(child);
        top = std::max(top, f.elevation + f.height);
        if (f.number == 2) secondFloor = f.elevation;
        root.children.push_back(floorNode(glb, pal, p, child, plate, b.use));
    }
    MeshBuilder m;
    roof(m, pal, plate, top);
    if (b.use == park::BuildingUse::Factory)
        logistics(m, pal, plate, secondFloor);
    else
        m.box(pal.canopy, {-6.0f, 4.2f, plate.halfDepth}, {6.0f, 4.5f, plate.halfDepth + 5.0f});
    root.primitives = m.take();
    glb.addRoot(glb.addNode(std::move(root)));
    return glb;
}

}  // namespace pt::tools
