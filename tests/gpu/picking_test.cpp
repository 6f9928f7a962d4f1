#include <catch2/catch.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include "gpu_fixture.h"
#include "render/offscreen_target.h"
#include "render/renderer.h"
#include "render/test_scene.h"

using namespace pt;

namespace {

// Renders one frame of the test scene; returns the pick result for `pixel` and the image.
struct PickedFrame {
    std::optional<render::PickResult> pick;
    RgbaImage image;
};

PickedFrame renderAndPick(test::GpuFixture& gpu, render::GpuScene& scene,
                          const render::RenderView& view, VkExtent2D size, glm::uvec2 pixel) {
    render::OffscreenTarget target(gpu.device(), size);
    render::Renderer renderer(gpu.device());
    renderer.requestPick(pixel);
    gfx::FrameData& frame = gpu.ctx().frames->beginFrame();
    renderer.render(frame, scene, view, target.image());
    gpu.ctx().frames->submit(frame, target.finish(frame));
    PickedFrame out;
    out.image = target.readback(*gpu.ctx().frames, frame);
    out.pick = renderer.takePick(frame);
    return out;
}

// Where a world point lands in the image (pixels, top-left origin).
glm::uvec2 toPixel(const render::Camera& camera, const glm::vec3& world, VkExtent2D size) {
    const glm::vec4 clip =
        camera.viewProjection(float(size.width) / float(size.height)) * glm::vec4(world, 1.0f);
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return glm::uvec2((ndc * 0.5f + 0.5f) * glm::vec2(size.width, size.height));
}

// The middle of an instance's +z face (the side the test camera looks at), just outside it.
glm::vec3 instanceFront(const render::GpuScene& scene, uint32_t index, const render::Camera&) {
    const auto& inst = scene.instances()[index];
    const auto& mesh = scene.meshes()[inst.mesh];
    glm::vec3 local = (mesh.boundsMin + mesh.boundsMax) * 0.5f;
    local.z = mesh.boundsMax.z + 0.05f;
    return glm::vec3(inst.transform * glm::vec4(local, 1.0f));
}

}  // namespace

TEST_CASE("Picking returns the entity under a pixel and none for the sky", "[gpu][picking]") {
    test::GpuFixture gpu;
    render::GpuScene scene(gpu.device());
    render::buildTestScene(scene);
    const render::RenderView view{.camera = render::testSceneCamera()};
    const VkExtent2D size{256, 256};
    // Instance 2 is the first slab of the first tower: entity 0. Pick a few floors up too.
    for (uint32_t instance : {2u, 6u, 30u}) {
        const uint32_t expected = scene.instances()[instance].entity;
        const glm::uvec2 pixel =
            toPixel(view.camera, instanceFront(scene, instance, view.camera), size);
        INFO("instance " << instance << " at pixel " << pixel.x << "," << pixel.y);
        const PickedFrame f = renderAndPick(gpu, scene, view, size, pixel);
        REQUIRE(f.pick);
        CHECK(f.pick->pixel == pixel);
        CHECK(f.pick->entity == expected);
    }
    const PickedFrame sky = renderAndPick(gpu, scene, view, size, {128, 2});
    REQUIRE(sky.pick);
    CHECK(sky.pick->entity == render::kNoEntity);
}

TEST_CASE("Hidden entities are not drawn and cannot be picked, ghosts still can",
          "[gpu][picking]") {
    test::GpuFixture gpu;
    render::GpuScene scene(gpu.device());
    render::buildTestScene(scene);
    render::RenderView view{.camera = render::testSceneCamera()};
    const VkExtent2D size{256, 256};
    const uint32_t instance = 6;
    const uint32_t entity = scene.instances()[instance].entity;
    const glm::uvec2 pixel =
        toPixel(view.camera, instanceFront(scene, instance, view.camera), size);
    std::vector<render::EntityState> states(64);
    view.entities = states;

    states[entity].flags = PT_ENTITY_FLAG_GHOST;
    PickedFrame ghost = renderAndPick(gpu, scene, view, size, pixel);
    REQUIRE(ghost.pick);
    CHECK(ghost.pick->entity == entity);

    states[entity].flags = PT_ENTITY_FLAG_HIDDEN;
    PickedFrame hidden = renderAndPick(gpu, scene, view, size, pixel);
    REQUIRE(hidden.pick);
    CHECK(hidden.pick->entity != entity);
}

TEST_CASE("Entity looks: overlay colour, selection outline, alert, ghost and a clip plane",
          "[gpu][golden]") {
    test::GpuFixture gpu;
    render::GpuScene scene(gpu.device());
    render::buildTestScene(scene);
    std::vector<render::EntityState> states(64);
    // Middle tower (entities 6..14): a ramp of overlay colours, floor 9 selected.
    for (uint32_t e = 6; e < 15; ++e)
        states[e].rgba = 0xff000000u | ((e - 6) * 28u) | ((255u - (e - 6) * 28u) << 8);
    states[10].flags = PT_ENTITY_FLAG_SELECTED;
    // First tower: floor 2 in critical alert, the rest ghosted.
    for (uint32_t e = 0; e < 6; ++e)
        states[e].flags = PT_ENTITY_FLAG_GHOST;
    states[1].flags = (3u << PT_ENTITY_ALERT_SHIFT) | PT_ENTITY_FLAG_ALERT_UNACKNOWLEDGED;
    const render::RenderView view{.camera = render::testSceneCamera(),
                                  .entities = states,
                                  // Cut everything above 40 m (the tall tower's top).
                                  .clipPlane = glm::vec4(0, 1, 0, -40),
                                  .timeSeconds = 0.3f};
    const PickedFrame f = renderAndPick(gpu, scene, view, {256, 256}, {0, 0});
    test::checkGolden("test_scene_entity_looks", f.image);
}
