#include "render/mesh_data.h"

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

}  // namespace pt::render
