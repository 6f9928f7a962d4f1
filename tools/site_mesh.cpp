#include "site_mesh.h"

#include <algorithm>
#include <cmath>

#include <glm/common.hpp>
#include <glm/geometric.hpp>

#include <glm/trigonometric.hpp>

#include "demo_palette.h"
#include "mesh_builder.h"

namespace pt::tools {

using park::EntityIndex;
using park::EntityKind;

namespace {

glm::vec2 toPark(const park::Building& b, glm::vec2 local) {
    const float a = glm::radians(b.transform.rotationDeg);
    const float c = std::cos(a), s = std::sin(a);
    // Rotation about +Y: x' = x c + z s, z' = -x s + z c (glTF's right-handed convention).
    return {b.transform.position.x + local.x * c + local.y * s,
            b.transform.position.z - local.x * s + local.y * c};
}

glm::vec3 at(glm::vec2 xz, float y) {
    return {xz.x, y, xz.y};
}

// A flat band (road or paving) between a building's footprint grown by `inner` and by `outer`.
void ring(MeshBuilder& m, std::uint32_t material, const park::Building& b, float inner, float outer,
          float y) {
    float hx = 0.0f, hz = 0.0f;
    for (glm::vec2 p : b.footprint) {
        hx = std::max(hx, std::abs(p.x));
        hz = std::max(hz, std::abs(p.y));
    }
    const glm::vec2 corners[4] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (int i = 0; i < 4; ++i) {
        const glm::vec2 c0 = corners[i], c1 = corners[(i + 1) % 4];
        const glm::vec2 i0 = toPark(b, {c0.x * (hx + inner), c0.y * (hz + inner)});
        const glm::vec2 i1 = toPark(b, {c1.x * (hx + inner), c1.y * (hz + inner)});
        const glm::vec2 o0 = toPark(b, {c0.x * (hx + outer), c0.y * (hz + outer)});
        const glm::vec2 o1 = toPark(b, {c1.x * (hx + outer), c1.y * (hz + outer)});
        m.quad(material, at(i0, y), at(i1, y), at(o1, y), at(o0, y));  // faces +Y
    }
}

struct Bounds {
    glm::vec2 lo{1e9f}, hi{-1e9f};
    void add(glm::vec2 p) {
        lo = glm::min(lo, p);
        hi = glm::max(hi, p);
    }
};

void treeRow(MeshBuilder& m, const DemoPalette& pal, glm::vec2 from, glm::vec2 to) {
    const float length = glm::distance(from, to);
    const int trees = int(length / 14.0f);
    for (int i = 0; i <= trees; ++i) {
        const glm::vec2 p = from + (to - from) * (float(i) / float(std::max(trees, 1)));
        m.box(pal.trunk, {p.x - 0.2f, 0.0f, p.y - 0.2f}, {p.x + 0.2f, 2.5f, p.y + 0.2f});
        m.box(pal.foliage, {p.x - 1.8f, 2.5f, p.y - 1.8f}, {p.x + 1.8f, 6.0f, p.y + 1.8f});
    }
}

std::uint32_t groundNode(GlbBuilder& glb, const DemoPalette& pal, const park::Portfolio& p,
                         EntityIndex park) {
    MeshBuilder m;
    Bounds bounds;
    for (EntityIndex child : p.children(park)) {
        if (p.entity(child).kind == EntityKind::Building) {
            const park::Building& b = p.building(child);
            for (glm::vec2 v : b.footprint)
                bounds.add(toPark(b, v * 1.0f) + glm::vec2(0.0f));
            ring(m, pal.paving, b, 0.0f, 6.0f, 0.02f);
            ring(m, pal.asphalt, b, 6.0f, 13.0f, 0.03f);
        } else if (p.entity(child).kind == EntityKind::Zone) {
            if (auto* ev = std::get_if<park::EvAreaShape>(&p.zone(child).shape))
                for (glm::vec2 v : ev->polygon)
                    bounds.add(v);
        }
    }
    const glm::vec2 lo = bounds.lo - glm::vec2(40.0f), hi = bounds.hi + glm::vec2(40.0f);
    m.box(pal.grass, {lo.x, -0.3f, lo.y}, {hi.x, 0.0f, hi.y});
    // Perimeter road and tree-lined edges.
    const glm::vec2 r0 = lo + glm::vec2(12.0f), r1 = hi - glm::vec2(12.0f);
    m.quad(pal.asphalt, at({r0.x, r0.y - 4}, 0.03f), at({r0.x, r0.y + 4}, 0.03f),
           at({r1.x, r0.y + 4}, 0.03f), at({r1.x, r0.y - 4}, 0.03f));
    m.quad(pal.asphalt, at({r0.x, r1.y - 4}, 0.03f), at({r0.x, r1.y + 4}, 0.03f),
           at({r1.x, r1.y + 4}, 0.03f), at({r1.x, r1.y - 4}, 0.03f));
    treeRow(m, pal, lo + glm::vec2(4.0f), {hi.x - 4.0f, lo.y + 4.0f});
    treeRow(m, pal, {lo.x + 4.0f, hi.y - 4.0f}, hi - glm::vec2(4.0f));
    return glb.addNode(GlbNode{.name = "ground:" + p.entity(park).id, .primitives = m.take()});
}

std::uint32_t chargerNode(GlbBuilder& glb, const DemoPalette& pal, const park::Portfolio& p,
                          EntityIndex charger) {
    MeshBuilder m;
    // The bay (5 m deep, 2.6 m wide) is drawn with its charger so both recolour together.
    m.box(pal.marking, {-1.3f, 0.05f, -2.6f}, {-1.2f, 0.07f, 2.6f});
    m.box(pal.charger, {-0.3f, 0.0f, -3.0f}, {0.3f, 1.6f, -2.7f});
    return glb.addNode(GlbNode{.name = p.entity(charger).id,
                               .translation = p.device(charger).position,
                               .primitives = m.take()});
}

std::uint32_t evNode(GlbBuilder& glb, const DemoPalette& pal, const park::Portfolio& p,
                     EntityIndex zone, const park::EvAreaShape& ev) {
    MeshBuilder m;
    m.prism(pal.asphalt, ev.polygon, 0.0f, 0.04f);
    GlbNode node{.name = p.entity(zone).id, .primitives = m.take()};
    for (EntityIndex child : p.children(zone))
        if (p.entity(child).kind == EntityKind::Device &&
            p.device(child).kind == park::DeviceKind::Charger)
            node.children.push_back(chargerNode(glb, pal, p, child));
    return glb.addNode(std::move(node));
}

std::uint32_t padNode(GlbBuilder& glb, const DemoPalette& pal, const park::Portfolio& p,
                      EntityIndex zone, const park::PadShape& pad) {
    MeshBuilder m;
    m.box(pal.pad, {-pad.radius - 0.5f, -1.5f, -pad.radius - 0.5f},
          {pad.radius + 0.5f, 0.0f, pad.radius + 0.5f});
    m.disc(pal.padMarking, {0.0f, 0.02f, 0.0f}, pad.radius, 24);
    m.disc(pal.pad, {0.0f, 0.04f, 0.0f}, pad.radius - 0.6f, 24);
    // The "H" marking.
    m.box(pal.padMarking, {-1.6f, 0.04f, -2.0f}, {-1.0f, 0.06f, 2.0f});
    m.box(pal.padMarking, {1.0f, 0.04f, -2.0f}, {1.6f, 0.06f, 2.0f});
    m.box(pal.padMarking, {-1.0f, 0.04f, -0.3f}, {1.0f, 0.06f, 0.3f});
    return glb.addNode(
        GlbNode{.name = p.entity(zone).id, .translation = pad.centre, .primitives = m.take()});
}

std::uint32_t deviceNode(GlbBuilder& glb, const DemoPalette& pal, const park::Portfolio& p,
                         EntityIndex device) {
    MeshBuilder m;
    if (p.device(device).kind == park::DeviceKind::Drone) {
        m.box(pal.droneBody, {-0.25f, 0.0f, -0.25f}, {0.25f, 0.2f, 0.25f});
        m.box(pal.droneBody, {-0.8f, 0.12f, -0.05f}, {0.8f, 0.18f, 0.05f});
        m.box(pal.droneBody, {-0.05f, 0.12f, -0.8f}, {0.05f, 0.18f, 0.8f});
    } else {  // camera on a pole; position is the camera head
        const float y = p.device(device).position.y;
        m.box(pal.equipment, {-0.1f, -y, -0.1f}, {0.1f, 0.0f, 0.1f});
        m.box(pal.camera, {-0.15f, 0.0f, -0.4f}, {0.15f, 0.3f, 0.2f});
    }
    return glb.addNode(GlbNode{.name = p.entity(device).id,
                               .translation = p.device(device).position,
                               .primitives = m.take()});
}

}  // namespace

GlbBuilder siteGlb(const park::Portfolio& p, EntityIndex park) {
    GlbBuilder glb;
    const DemoPalette pal = addDemoPalette(glb, park::BuildingUse::Services);
    glb.addRoot(groundNode(glb, pal, p, park));
    for (EntityIndex child : p.children(park)) {
        const park::Entity& e = p.entity(child);
        if (e.kind == EntityKind::Zone) {
            const park::Zone& z = p.zone(child);
            if (auto* ev = std::get_if<park::EvAreaShape>(&z.shape))
                glb.addRoot(evNode(glb, pal, p, child, *ev));
            else if (auto* pad = std::get_if<park::PadShape>(&z.shape))
                glb.addRoot(padNode(glb, pal, p, child, *pad));
        } else if (e.kind == EntityKind::Device) {
            const auto kind = p.device(child).kind;
            if (kind == park::DeviceKind::Drone || kind == park::DeviceKind::Camera)
                glb.addRoot(deviceNode(glb, pal, p, child));
        }
    }
    return glb;
}

}  // namespace pt::tools
