// Corridor and no-fly geometry of the service scenes, and the moving instances (drone markers,
// pad beacons, power bars) built from plain rows: all instances of the three unit meshes.
#include <catch2/catch.hpp>
#include <glm/gtc/matrix_access.hpp>

#include "twin/service_geometry.h"
#include "twin/service_scene.h"

using namespace pt;
using twin::ServiceMeshes;

namespace {

const ServiceMeshes kMeshes{.cube = 10, .cylinder = 11, .chevron = 12};

glm::vec3 apply(const glm::mat4& m, const glm::vec3& p) {
    return glm::vec3(m * glm::vec4(p, 1.0f));
}

size_t countMesh(const std::vector<render::Instance>& v, uint32_t mesh) {
    return size_t(std::count_if(v.begin(), v.end(),
                                [&](const render::Instance& i) { return i.mesh == mesh; }));
}

}  // namespace

TEST_CASE("unit meshes are closed, centred and face outwards", "[service][geometry]") {
    for (const render::MeshData& m :
         {twin::makeUnitCube(), twin::makeUnitCylinder(12), twin::makeChevron()}) {
        INFO(m.name);
        REQUIRE(m.indices.size() % 3 == 0);
        glm::vec3 lo(1e9f), hi(-1e9f);
        for (const render::Vertex& v : m.vertices)
            lo = glm::min(lo, v.position), hi = glm::max(hi, v.position);
        CHECK(glm::length(lo + hi) < 1e-5f);  // centred on the origin
        CHECK(hi.x == Approx(0.5f));
        // Every triangle winds counter-clockwise seen from outside: its geometric normal
        // agrees with the vertex normal.
        for (size_t t = 0; t < m.indices.size(); t += 3) {
            const auto& a = m.vertices[m.indices[t]];
            const auto& b = m.vertices[m.indices[t + 1]];
            const auto& c = m.vertices[m.indices[t + 2]];
            const glm::vec3 n = glm::cross(b.position - a.position, c.position - a.position);
            CHECK(glm::dot(n, a.normal) > 0.0f);
        }
    }
    CHECK(twin::makeUnitCylinder(12).indices.size() == 12 * (6 + 3 + 3));
}

TEST_CASE("a segment transform maps the unit cylinder's axis onto the segment",
          "[service][geometry]") {
    const glm::vec3 a(10, 50, -4), b(40, 90, 36);
    const glm::mat4 m = twin::segmentTransform(a, b, 2.0f);
    CHECK(glm::distance(apply(m, {0, -0.5f, 0}), a) < 1e-4f);
    CHECK(glm::distance(apply(m, {0, 0.5f, 0}), b) < 1e-4f);
    // The rim is `radius` from the axis.
    const glm::vec3 rim = apply(m, {0.5f, 0, 0});
    CHECK(glm::distance(rim, (a + b) * 0.5f) == Approx(2.0f));
    // Vertical segments work too (no degenerate cross product).
    const glm::mat4 v = twin::segmentTransform({0, 0, 0}, {0, 30, 0}, 1.0f);
    CHECK(glm::distance(apply(v, {0, 0.5f, 0}), glm::vec3(0, 30, 0)) < 1e-4f);
    CHECK(glm::length(glm::vec3(glm::column(v, 0))) == Approx(2.0f));
}

TEST_CASE("corridor markers are evenly spaced along the route and point along it",
          "[service][geometry]") {
    // Climb 40 m, cruise 100 m east, descend 40 m: 180 m of route.
    const std::vector<glm::vec3> route = {{0, 0, 0}, {0, 40, 0}, {100, 40, 0}, {100, 0, 0}};
    const auto markers = twin::polylineMarkers(route, 20.0f);
    REQUIRE(markers.size() == 9);  // at 10, 30, ..., 170 m
    CHECK(markers[0].position == glm::vec3(0, 10, 0));
    CHECK(markers[0].direction == glm::vec3(0, 1, 0));
    CHECK(markers[2].position.y == Approx(40));  // 50 m along: on the cruise leg
    CHECK(markers[2].position.x == Approx(10));
    CHECK(markers[2].direction == glm::vec3(1, 0, 0));
    CHECK(markers.back().direction == glm::vec3(0, -1, 0));
    for (size_t i = 1; i + 1 < markers.size(); ++i)  // 20 m apart, corners cut
        CHECK(glm::distance(markers[i].position, markers[i + 1].position) <= 20.0f + 1e-3f);
    CHECK(twin::polylineMarkers({{0, 0, 0}}, 20.0f).empty());
}

TEST_CASE("a corridor is drawn at its real height with a tube per leg", "[service][geometry]") {
    const park::CorridorShape corridor{{{0, 50, 0}, {0, 90, 0}, {200, 90, 0}, {200, 60, 0}}, 12};
    const glm::vec3 origin(0, 0, 420);  // the second park
    std::vector<render::Instance> out;
    twin::appendCorridor(corridor, origin, 7, kMeshes, out);
    // Three legs: an opaque centre tube and a faint envelope each.
    CHECK(countMesh(out, kMeshes.cylinder) == 6);
    const size_t chevrons = countMesh(out, kMeshes.chevron);
    // 270 m of route, one every 18 m starting 9 m in: at 9, 27, ..., 261.
    REQUIRE(twin::kCorridorChevronSpacing == 18.0f);
    CHECK(chevrons == 15);
    for (const render::Instance& i : out) {
        CHECK(i.entity == 7u);
        CHECK((i.flags & render::kInstanceNoClip) != 0);
        const glm::vec3 at = glm::vec3(i.transform[3]);
        CHECK(at.z == Approx(420).margin(3.0));  // shifted into the park, in its vertical plane
        CHECK(at.y >= 50 - 1e-3f);
        CHECK(at.y <= 90 + twin::kCorridorTubeRadius + 1.0f);
        if (i.mesh == kMeshes.cylinder && i.color.a < 1.0f)
            CHECK(glm::length(glm::vec3(glm::column(i.transform, 0))) == Approx(12.0f));
    }
}

TEST_CASE("a no-fly volume has walls, edges, and a ceiling when it is a box",
          "[service][geometry]") {
    const park::VolumeShape box{{{-110, 60}, {110, 60}, {110, 120}, {-110, 120}}, 0, 90};
    std::vector<render::Instance> out;
    twin::appendNoFlyVolume(box, {0, 0, 0}, 3, kMeshes, out);
    // Per edge: a wall, a corner post and kNoFlyBands + 2 horizontal rings; plus the ceiling.
    CHECK(out.size() == 4 * (1 + 1 + twin::kNoFlyBands + 2) + 1);
    size_t translucent = 0;
    for (const render::Instance& i : out) {
        CHECK(i.entity == 3u);
        CHECK(i.mesh == kMeshes.cube);
        CHECK((i.flags & render::kInstanceUnlit) != 0);  // casts no shadow
        translucent += i.color.a < 1.0f ? 1 : 0;
        // Everything within the prism's bounds (plus the edge thickness).
        for (float sx : {-0.5f, 0.5f})
            for (float sy : {-0.5f, 0.5f}) {
                const glm::vec3 p = apply(i.transform, {sx, sy, 0.5f});
                CHECK(p.x >= -111);
                CHECK(p.x <= 111);
                CHECK(p.y >= -1);
                CHECK(p.y <= 91);
            }
    }
    CHECK(translucent == 5);  // four walls and the ceiling
    // A triangle has no ceiling; a degenerate volume draws nothing.
    std::vector<render::Instance> tri;
    twin::appendNoFlyVolume({{{0, 0}, {50, 0}, {0, 50}}, 10, 40}, {}, 3, kMeshes, tri);
    CHECK(tri.size() == 3 * (1 + 1 + twin::kNoFlyBands + 2));
    std::vector<render::Instance> none;
    twin::appendNoFlyVolume({{{0, 0}, {50, 0}}, 10, 40}, {}, 3, kMeshes, none);
    twin::appendNoFlyVolume({{{0, 0}, {50, 0}, {0, 50}}, 40, 40}, {}, 3, kMeshes, none);
    CHECK(none.empty());
}

TEST_CASE("a drone marker sits at the pose, points along the heading and shows its battery",
          "[service][drones]") {
    twin::DroneRow d{.entity = 5,
                     .state = "Enroute",
                     .battery = 40.0,
                     .position = {10, 100, 20},
                     .headingDeg = 90.0f,
                     .altitude = 100.0f,
                     .hasPose = true};
    const std::vector<glm::vec3> trail = {
        {-50, 100, 20}, {-30, 100, 20}, {-10, 100, 20}, {10, 100, 20}};
    std::vector<render::Instance> out;
    twin::appendDroneMarker(d, glm::vec4(0, 0, 1, 1), trail, {1, 0, 0}, 0.0f, kMeshes, out);
    // Body, two arms, four rotors, halo and chevron carry the drone's entity (picking).
    CHECK(std::count_if(out.begin(), out.end(),
                        [](const render::Instance& i) { return i.entity == 5u; }) == 9);
    const auto chevron = std::find_if(out.begin(), out.end(), [](const render::Instance& i) {
        return i.mesh == kMeshes.chevron;
    });
    REQUIRE(chevron != out.end());
    // Heading 90 degrees = east (+X): the chevron is ahead of the drone in +X, and its +Z too.
    CHECK(chevron->transform[3].x > 10.0f);
    CHECK(chevron->transform[3].z == Approx(20.0f).margin(1e-3));
    CHECK(glm::normalize(glm::vec3(chevron->transform[2])).x == Approx(1.0f).margin(1e-4));
    // Battery fill: 40 % of the rail's width, the rail wider.
    std::vector<float> barWidths;
    for (const render::Instance& i : out)
        if (i.mesh == kMeshes.cube && i.entity == render::kNoEntity)
            barWidths.push_back(glm::length(glm::vec3(i.transform[0])));
    REQUIRE(barWidths.size() == 2);
    CHECK(std::min(barWidths[0], barWidths[1]) ==
          Approx(0.4f * 2.2f * twin::kDroneMarkerScale).epsilon(1e-3));
    // The altitude line reaches the ground; the trail has a segment per pair, fading.
    const size_t cylinders = countMesh(out, kMeshes.cylinder);
    CHECK(cylinders == 4 + 1 + 1 + 3);  // rotors, halo, altitude line, trail
    float lowest = 1e9f;
    for (const render::Instance& i : out)
        if (i.mesh == kMeshes.cylinder)
            lowest = std::min(lowest, apply(i.transform, {0, -0.5f, 0}).y);
    CHECK(lowest == Approx(0.0f).margin(1e-3));
    // A drone on its pad: no trail, no altitude line.
    d.state = "Idle";
    out.clear();
    twin::appendDroneMarker(d, glm::vec4(1), trail, {1, 0, 0}, 0.0f, kMeshes, out);
    CHECK(countMesh(out, kMeshes.cylinder) == 5);
}

TEST_CASE("power bars scale with kW, pad beacons take the pad state colour", "[service][ev]") {
    std::vector<render::Instance> out;
    twin::ChargerRow idle{.entity = 1, .status = twin::OcppStatus::Available, .powerKw = 0};
    twin::appendPowerBar(idle, {0, 1.6f, 0}, kMeshes, out);
    CHECK(out.empty());
    twin::ChargerRow charging{.entity = 2, .status = twin::OcppStatus::Charging, .powerKw = 20};
    twin::appendPowerBar(charging, {5, 1.6f, 0}, kMeshes, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].entity == 2u);
    const float height = glm::length(glm::vec3(out[0].transform[1]));
    CHECK(height == Approx(20 * twin::kPowerBarMetresPerKw));
    CHECK(apply(out[0].transform, {0, -0.5f, 0}).y == Approx(1.8f));  // stands on the post
    CHECK(out[0].color == twin::linearColor(twin::ocppColor(twin::OcppStatus::Charging)));

    out.clear();
    twin::appendPadBeacon({.entity = 9, .centre = {0, 50, 0}, .radius = 6}, twin::PadState::Fault,
                          kMeshes, out);
    REQUIRE(out.size() == 2);
    for (const render::Instance& i : out) {
        CHECK(i.entity == 9u);
        CHECK(glm::vec3(i.color) == glm::vec3(twin::linearColor(0xd62828)));
    }
}

TEST_CASE("trails keep their newest stretch, thinned, both ends kept", "[service][drones]") {
    std::vector<glm::vec3> trail;
    for (int i = 0; i < 200; ++i)
        trail.push_back({float(i), 0, 0});
    const auto thin = twin::thinTrail(trail, 48, 1000.0f);
    REQUIRE(thin.size() == 48);
    CHECK(thin.front() == trail.front());
    CHECK(thin.back() == trail.back());
    const auto recent = twin::thinTrail(trail, 48, 20.5f);  // within the last 20.5 m: 20 m
    REQUIRE(recent.size() == 21);
    CHECK(recent.front().x == 179.0f);
    CHECK(recent.back() == trail.back());
    CHECK(twin::thinTrail({{1, 2, 3}}, 48, 10.0f).size() == 1);
    CHECK(twin::thinTrail({}, 48, 10.0f).empty());
}
