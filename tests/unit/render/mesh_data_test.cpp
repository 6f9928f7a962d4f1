#include <catch2/catch.hpp>

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
