#include "render/test_scene.h"

#include <glm/gtc/matrix_transform.hpp>

namespace pt::render {

void buildTestScene(GpuScene& scene) {
    const uint32_t ground = scene.addMesh(makePlane(240.0f, 240.0f, "ground"));
    const uint32_t slab = scene.addMesh(makeBox({30.0f, 5.2f, 20.0f}, "floor slab"));
    const uint32_t glass = scene.addMesh(makeBox({31.0f, 3.2f, 21.0f}, "glazing band"));
    const uint32_t road = scene.addMesh(makeBox({240.0f, 0.05f, 10.0f}, "road"));
    const uint32_t core = scene.addMesh(makeBox({6.0f, 1.0f, 6.0f}, "core"));
    scene.commit();

    auto& instances = scene.editInstances();
    instances.push_back({.mesh = ground, .color = {0.18f, 0.26f, 0.15f, 1.0f}});
    instances.push_back({.mesh = road,
                         .transform = glm::translate(glm::mat4(1.0f), {0.0f, 0.0f, 0.0f}),
                         .color = {0.16f, 0.16f, 0.17f, 1.0f}});
    // Three towers of 6, 9 and 12 floors; floors alternate two concrete tones so each reads.
    const glm::vec3 towerPositions[] = {
        {-45.0f, 0.0f, -30.0f}, {0.0f, 0.0f, -30.0f}, {45.0f, 0.0f, -30.0f}};
    const int floorCounts[] = {6, 9, 12};
    uint32_t entity = 0;
    for (int t = 0; t < 3; ++t) {
        for (int f = 0; f < floorCounts[t]; ++f) {
            const glm::vec3 base = towerPositions[t] + glm::vec3(0.0f, f * 6.0f, 0.0f);
            const float tone = (f % 2 == 0) ? 0.62f : 0.55f;
            instances.push_back({.mesh = slab,
                                 .transform = glm::translate(glm::mat4(1.0f), base),
                                 .color = {tone, tone * 0.98f, tone * 0.95f, 1.0f},
                                 .entity = entity++});
            instances.push_back(
                {.mesh = glass,
                 .transform = glm::translate(glm::mat4(1.0f), base + glm::vec3(0, 1.2f, 0)),
                 .color = {0.08f, 0.14f, 0.2f, 0.7f},
                 .entity = entity - 1,
                 .flags = kInstanceGlass});
        }
        instances.push_back(
            {.mesh = core,
             .transform = glm::scale(
                 glm::translate(glm::mat4(1.0f), towerPositions[t] + glm::vec3(-9, 0, 0)),
                 {1.0f, floorCounts[t] * 6.0f + 4.0f, 1.0f}),
             .color = {0.55f, 0.55f, 0.58f, 1.0f}});
    }
    // One highlighted tower floor, as an alert colour would be.
    instances[4].color = {0.9f, 0.25f, 0.15f, 1.0f};
}

Camera testSceneCamera() {
    Camera c;
    c.eye = {95.0f, 75.0f, 85.0f};
    c.target = {0.0f, 20.0f, -25.0f};
    return c;
}

}  // namespace pt::render
