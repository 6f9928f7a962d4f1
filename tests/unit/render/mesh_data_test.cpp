#include <catch2/catch.hpp>

#include <algorithm>

#include "render/mesh_data.h"

TEST_CASE("makeBox stands on y=0 with outward normals and counter-clockwise faces", "[mesh]") {
    const auto box = pt::render::makeBox({2.0f, 3.0f, 4.0f});
    REQUIRE(box.vertices.size() == 24);
    REQUIRE(box.indices.size() == 36);
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (const auto& v : box.vertices) {
        lo = glm::min(lo, v.position);
        hi = glm::max(hi, v.position);
    }
    CHECK(lo.y == Approx(0.0f));
    CHECK(hi.y == Approx(3.0f));
    CHECK(hi.x - lo.x == Approx(2.0f));
    CHECK(hi.z - lo.z == Approx(4.0f));
    const glm::vec3 centre{0.0f, 1.5f, 0.0f};
    for (size_t t = 0; t < box.indices.size(); t += 3) {
        const auto& a = box.vertices[box.indices[t]];
        const auto& b = box.vertices[box.indices[t + 1]];
        const auto& c = box.vertices[box.indices[t + 2]];
        const glm::vec3 faceNormal = glm::cross(b.position - a.position, c.position - a.position);
        CHECK(glm::dot(faceNormal, a.normal) > 0.0f);           // winding agrees with the normal
        CHECK(glm::dot(a.position - centre, a.normal) > 0.0f);  // the normal points outwards
    }
}

namespace {

// `box` moved by `offset`, appended to `into` (a part of its own: no shared positions).
void appendBox(pt::render::MeshData& into, const glm::vec3& size, const glm::vec3& offset) {
    const auto box = pt::render::makeBox(size);
    const auto base = uint32_t(into.vertices.size());
    for (auto v : box.vertices) {
        v.position += offset;
        into.vertices.push_back(v);
    }
    for (uint32_t i : box.indices)
        into.indices.push_back(base + i);
}

}  // namespace

TEST_CASE("withoutThinParts drops parts whose middle extent is under the thickness", "[mesh]") {
    pt::render::MeshData mesh;
    appendBox(mesh, {20.0f, 1.0f, 0.25f}, {0.0f, 0.0f, 0.0f});   // spandrel: 20 x 1 x 0.25
    appendBox(mesh, {0.14f, 3.5f, 0.2f}, {3.0f, 1.0f, 0.0f});    // mullion: 0.14 x 3.5 x 0.2
    appendBox(mesh, {0.7f, 4.0f, 0.7f}, {0.0f, 0.0f, 5.0f});     // column: 0.7 x 4 x 0.7
    appendBox(mesh, {0.1f, 0.1f, 12.0f}, {-5.0f, 2.0f, 10.0f});  // rail: 0.1 x 0.1 x 12
    const auto kept = pt::render::withoutThinParts(mesh, 0.3f);
    // The spandrel (indices 0..35) and the column (72..107) stay, whole and in order.
    REQUIRE(kept.size() == 72);
    CHECK(std::equal(kept.begin(), kept.begin() + 36, mesh.indices.begin()));
    CHECK(std::equal(kept.begin() + 36, kept.end(), mesh.indices.begin() + 72));
    // A thicker limit also takes the column; a thinner one keeps everything.
    CHECK(pt::render::withoutThinParts(mesh, 0.8f).size() == 36);
    CHECK(pt::render::withoutThinParts(mesh, 0.05f).size() == mesh.indices.size());
}

TEST_CASE("withoutThinParts welds faces by position into one part", "[mesh]") {
    // Two thin boxes touching corner to corner form one L-shaped part, which is no longer thin.
    pt::render::MeshData mesh;
    appendBox(mesh, {4.0f, 0.2f, 0.2f}, {2.0f, 0.0f, 0.1f});  // x from 0 to 4, z from 0 to 0.2
    appendBox(mesh, {0.2f, 0.2f, 4.0f}, {4.1f, 0.0f, 2.2f});  // x 4..4.2, z 0.2..4.2: corners meet
    CHECK(pt::render::withoutThinParts(mesh, 0.3f).size() == mesh.indices.size());
    // Apart, each is thin.
    for (size_t i = 24; i < mesh.vertices.size(); ++i)  // the second box's vertices
        mesh.vertices[i].position.z += 1.0f;
    CHECK(pt::render::withoutThinParts(mesh, 0.3f).empty());
}
