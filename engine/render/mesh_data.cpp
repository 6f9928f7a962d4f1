#include "render/mesh_data.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace pt::render {

MeshData makeBox(const glm::vec3& size, const std::string& name) {
    // A box standing on y = 0, centred in x and z: buildings and floors stack naturally.
    MeshData m{name, {}, {}};
    const glm::vec3 h{size.x * 0.5f, size.y, size.z * 0.5f};
    struct Face {
        glm::vec3 normal, u, v;
    };
    const Face faces[] = {{{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}, {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}},
                          {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}}, {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},
                          {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},  {{0, 0, -1}, {-1, 0, 0}, {0, 1, 0}}};
    const glm::vec3 centre{0.0f, size.y * 0.5f, 0.0f};
    const glm::vec3 half{h.x, size.y * 0.5f, h.z};
    for (const Face& f : faces) {
        const auto base = uint32_t(m.vertices.size());
        for (int i = 0; i < 4; ++i) {
            const float su = (i == 1 || i == 2) ? 1.0f : -1.0f;
            const float sv = (i >= 2) ? 1.0f : -1.0f;
            const glm::vec3 p = centre + (f.normal + f.u * su + f.v * sv) * half;
            m.vertices.push_back({p, f.normal, {su * 0.5f + 0.5f, sv * 0.5f + 0.5f}});
        }
        m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    }
    return m;
}

MeshData makePlane(float sizeX, float sizeZ, const std::string& name) {
    MeshData m{name, {}, {}};
    const float x = sizeX * 0.5f, z = sizeZ * 0.5f;
    const glm::vec3 n{0, 1, 0};
    m.vertices = {{{-x, 0, z}, n, {0, 1}},
                  {{x, 0, z}, n, {1, 1}},
                  {{x, 0, -z}, n, {1, 0}},
                  {{-x, 0, -z}, n, {0, 0}}};
    m.indices = {0, 1, 2, 0, 2, 3};
    return m;
}

namespace {

// Union-find over welded vertices, path halving.
uint32_t findRoot(std::vector<uint32_t>& parent, uint32_t v) {
    while (parent[v] != v)
        v = parent[v] = parent[parent[v]];
    return v;
}

}  // namespace

std::vector<uint32_t> withoutThinParts(const MeshData& mesh, float thickness) {
    // Weld vertices by position (faces of a box have their own vertices for their normals).
    std::unordered_map<uint64_t, uint32_t> welded;
    std::vector<uint32_t> weldOf(mesh.vertices.size());
    for (size_t i = 0; i < mesh.vertices.size(); ++i) {
        const glm::vec3 p = mesh.vertices[i].position * 1000.0f;
        const auto q = [](float v) { return uint64_t(int64_t(std::lround(v)) & 0x1fffff); };
        const uint64_t key = q(p.x) | q(p.y) << 21 | q(p.z) << 42;
        weldOf[i] = welded.try_emplace(key, uint32_t(welded.size())).first->second;
    }
    std::vector<uint32_t> parent(welded.size());
    std::iota(parent.begin(), parent.end(), 0u);
    for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const uint32_t a = findRoot(parent, weldOf[mesh.indices[t]]);
        for (int k = 1; k < 3; ++k) {
            const uint32_t b = findRoot(parent, weldOf[mesh.indices[t + k]]);
            if (a != b) parent[b] = a;
        }
    }
    // Each part's box.
    std::vector<glm::vec3> lo(parent.size(), glm::vec3(INFINITY)),
        hi(parent.size(), -glm::vec3(INFINITY));
    for (size_t i = 0; i < mesh.vertices.size(); ++i) {
        const uint32_t r = findRoot(parent, weldOf[i]);
        lo[r] = glm::min(lo[r], mesh.vertices[i].position);
        hi[r] = glm::max(hi[r], mesh.vertices[i].position);
    }
    auto thin = [&](uint32_t root) {
        glm::vec3 e = hi[root] - lo[root];
        std::sort(&e.x, &e.x + 3);
        return e.y < thickness;  // the middle extent
    };
    std::vector<uint32_t> kept;
    kept.reserve(mesh.indices.size());
    for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3)
        if (!thin(findRoot(parent, weldOf[mesh.indices[t]])))
            kept.insert(kept.end(), mesh.indices.begin() + t, mesh.indices.begin() + t + 3);
    return kept;
}

}  // namespace pt::render
