// Loading parks and models into the GPU scene, and golden renders of the demo park and the IFC
// house from ../shared/data.
#include <catch2/catch.hpp>

#include "core/file_io.h"
#include "gpu_fixture.h"
#include "park/manifest.h"
#include "render/draw_lists.h"
#include "render/offscreen_target.h"
#include "render/renderer.h"
#include "test_paths.h"
#include "twin/park_scene.h"

using namespace pt;

namespace {

const std::filesystem::path kDemoManifest =
    std::filesystem::path(PT_TEST_BINARY_DIR) / "assets/demo/manifest.json";

render::Camera frame(const render::GpuScene& scene, glm::vec3 direction, float distanceScale) {
    glm::vec3 lo, hi;
    scene.bounds(lo, hi);
    render::Camera c;
    c.target = (lo + hi) * 0.5f;
    c.eye = c.target + glm::normalize(direction) * glm::length(hi - lo) * distanceScale;
    c.nearPlane = 0.1f;
    return c;
}

RgbaImage renderOnce(test::GpuFixture& gpu, render::GpuScene& scene, const render::RenderView& view,
                     VkExtent2D size) {
    render::OffscreenTarget target(gpu.device(), size);
    render::Renderer renderer(gpu.device());
    gfx::FrameData& f = gpu.ctx().frames->beginFrame();
    renderer.render(f, scene, view, target.image());
    gpu.ctx().frames->submit(f, target.finish(f));
    return target.readback(*gpu.ctx().frames, f);
}

}  // namespace

TEST_CASE("The IFC house loads as one building with its two storeys as floors", "[gpu][park]") {
    const auto data = test::sharedDataOrSkip();
    test::GpuFixture gpu;
    render::GpuScene scene(gpu.device());
    auto loaded = twin::loadParkScene(data / "models/ifc/AC14-FZK-Haus.ifc", scene);
    REQUIRE(loaded.ok());
    const park::Portfolio& p = loaded->portfolio;
    REQUIRE(p.count(park::EntityKind::Building) == 1);
    REQUIRE(p.count(park::EntityKind::Floor) == 2);
    const auto floors = p.ofKind(park::EntityKind::Floor);
    CHECK(p.entity(floors[0]).name == "Erdgeschoss");
    CHECK(p.entity(floors[1]).name == "Dachgeschoss");
    CHECK(p.floor(floors[0]).elevation == Approx(0.0f).margin(0.05));
    CHECK(p.floor(floors[1]).elevation == Approx(2.7f).margin(0.1));
    // Every mesh of a storey carries that floor's entity; the floors have real bounds.
    size_t onFloors = 0;
    for (const auto& inst : scene.instances())
        if (inst.entity == floors[0] || inst.entity == floors[1]) onFloors++;
    CHECK(onFloors > scene.instances().size() / 2);
    CHECK_FALSE(loaded->entityBounds[floors[1]].empty());
    CHECK(loaded->entityBounds[floors[1]].min.y > loaded->entityBounds[floors[0]].min.y);

    const render::RenderView view{.camera = frame(scene, {1.0f, 0.8f, 1.4f}, 1.1f)};
    test::checkGolden("ifc_house", renderOnce(gpu, scene, view, {256, 256}));
}

TEST_CASE("The demo park loads every building with units as pickable entities", "[gpu][park]") {
    REQUIRE(std::filesystem::exists(kDemoManifest));
    test::GpuFixture gpu;
    render::GpuScene scene(gpu.device());
    std::vector<twin::LoadProgress> progress;
    auto loaded = twin::loadParkScene(kDemoManifest, scene,
                                      [&](const twin::LoadProgress& p) { progress.push_back(p); });
    REQUIRE(loaded.ok());
    CHECK(loaded->warnings.empty());
    const park::Portfolio& p = loaded->portfolio;
    CHECK(loaded->stats.models == progress.back().total);
    CHECK(progress.back().done == progress.back().total);
    // Every unit of the park has geometry carrying its entity index.
    std::vector<bool> drawn(p.entities().size(), false);
    for (const auto& inst : scene.instances())
        if (inst.entity < drawn.size()) drawn[inst.entity] = true;
    size_t unitsDrawn = 0;
    for (park::EntityIndex u : p.ofKind(park::EntityKind::Unit))
        unitsDrawn += drawn[u];
    CHECK(unitsDrawn == p.count(park::EntityKind::Unit));
    // A building's bounds contain its floors'.
    const park::EntityIndex b = *p.findEntity("gm/A1");
    const park::EntityIndex f = *p.findEntity("gm/A1/F3");
    CHECK(loaded->entityBounds[b].min.y <= loaded->entityBounds[f].min.y);
    CHECK(loaded->entityBounds[b].max.y >= loaded->entityBounds[f].max.y);

    const render::RenderView view{.camera = frame(scene, {0.75f, 0.85f, 1.0f}, 0.55f)};
    test::checkGolden("demo_park", renderOnce(gpu, scene, view, {320, 200}));
}

TEST_CASE("A park whose models fail partly still loads and lists the failures", "[gpu][park]") {
    REQUIRE(std::filesystem::exists(kDemoManifest));
    const auto dir = test::scratchDir("park_partial");
    // The demo manifest, with one building pointing at a missing model and one at garbage.
    auto portfolio = park::loadManifest(kDemoManifest);
    REQUIRE(portfolio.ok());
    for (park::EntityIndex b : portfolio->ofKind(park::EntityKind::Building)) {
        auto& models = portfolio->building(b).models;
        for (auto& m : models)
            m = (kDemoManifest.parent_path() / m).string();
    }
    for (park::EntityIndex parkIndex : portfolio->parks())
        for (auto& m : portfolio->park(parkIndex).models)
            m = (kDemoManifest.parent_path() / m).string();
    portfolio->building(*portfolio->findEntity("gm/A1")).models = {(dir / "missing.glb").string()};
    REQUIRE(writeFileAtomic(dir / "garbage.glb", std::string_view("this is not a model")).ok());
    portfolio->building(*portfolio->findEntity("gm/A2")).models = {(dir / "garbage.glb").string()};
    REQUIRE(park::saveManifest(*portfolio, dir / "park.json").ok());

    test::GpuFixture gpu;
    render::GpuScene scene(gpu.device());
    auto loaded = twin::loadParkScene(dir / "park.json", scene);
    REQUIRE(loaded.ok());
    REQUIRE(loaded->warnings.size() >= 2);
    auto mentions = [&](const std::string& what) {
        for (const auto& w : loaded->warnings)
            if (w.find(what) != std::string::npos) return true;
        return false;
    };
    CHECK(mentions("missing.glb"));
    CHECK(mentions("garbage.glb"));
    CHECK(loaded->stats.models > 10);  // the rest of the park is there
}

TEST_CASE("Unknown scene files give a clear error", "[gpu][park]") {
    test::GpuFixture gpu;
    render::GpuScene scene(gpu.device());
    auto bad = twin::loadParkScene("/tmp/parktwin-no-such.txt", scene);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message ==
          "/tmp/parktwin-no-such.txt: not a manifest (.json) or a supported model (.glb, .gltf, "
          ".ifc, .fbx, .obj)");
}

TEST_CASE("BoxTextured renders with its base-colour texture, the same as .gltf and .glb",
          "[gpu][park]") {
    const auto data = test::sharedDataOrSkip();
    test::GpuFixture gpu;
    RgbaImage images[2];
    const std::filesystem::path files[2] = {
        data / "models/gltf/BoxTextured-glTF/BoxTextured.gltf",
        data / "models/gltf/BoxTextured-glTF-Binary/BoxTextured.glb"};
    for (int i = 0; i < 2; ++i) {
        render::GpuScene scene(gpu.device());
        auto loaded = twin::loadParkScene(files[i], scene);
        REQUIRE(loaded.ok());
        REQUIRE(scene.instances().size() == 1);
        CHECK(scene.instances()[0].material == 1);  // material 0 is the default
        render::RenderView view{.camera = frame(scene, {1.0f, 0.9f, 1.3f}, 1.3f)};
        view.lighting.shadowStrength = 0.0f;
        images[i] = renderOnce(gpu, scene, view, {128, 128});
    }
    CHECK(compareImages(images[0], images[1], 0).pixelsOverTolerance == 0);
    test::checkGolden("box_textured", images[0]);
}

namespace {

// The instances drawn for `view` at `height` pixels, by level-of-detail flag.
struct DrawnLevels {
    size_t nearParts = 0, farParts = 0;
    std::vector<uint32_t> instances;
};
DrawnLevels drawnLevels(const render::GpuScene& scene, const render::RenderView& view, float height,
                        uint32_t group = 0) {
    render::DrawLists lists;
    render::buildDrawLists(scene, view, view.camera.viewProjection(16.0f / 9.0f), lists, height);
    DrawnLevels out;
    for (const auto* list : {&lists.opaque, &lists.transparent, &lists.ghost})
        for (uint32_t i : *list) {
            const render::Instance& inst = scene.instances()[i];
            if (group != 0 && inst.lodGroup != group) continue;
            out.nearParts += (inst.flags & render::kInstanceLodNear) != 0;
            out.farParts += (inst.flags & render::kInstanceLodFar) != 0;
            out.instances.push_back(i);
        }
    return out;
}

}  // namespace

TEST_CASE("Demo buildings switch as a whole between their interiors and facade stand-ins",
          "[gpu][park][lod]") {
    REQUIRE(std::filesystem::exists(kDemoManifest));
    test::GpuFixture gpu;
    render::GpuScene scene(gpu.device());
    auto loaded = twin::loadParkScene(kDemoManifest, scene);
    REQUIRE(loaded.ok());
    const park::Portfolio& p = loaded->portfolio;
    // Every far stand-in is opaque and belongs to a unit or floor: picking a facade panel far
    // away picks the unit behind it.
    size_t unitPanels = 0;
    for (const render::Instance& inst : scene.instances()) {
        if (!(inst.flags & render::kInstanceLodFar)) continue;
        CHECK(inst.lodGroup != 0);
        CHECK(inst.color.a == 1.0f);
        REQUIRE(inst.entity < p.entities().size());
        unitPanels += p.entity(inst.entity).kind == park::EntityKind::Unit;
    }
    CHECK(unitPanels > 0);
    std::vector<render::EntityState> states(p.entities().size());
    render::RenderView view{.camera = frame(scene, {0.75f, 0.85f, 1.0f}, 0.55f),
                            .entities = states};

    SECTION("the park view draws every building far: stand-ins, no interiors") {
        const DrawnLevels d = drawnLevels(scene, view, 1080.0f);
        CHECK(d.nearParts == 0);
        CHECK(d.farParts > 0);
        // The cached shadow map does not depend on the camera: the interiors cast, not the
        // stand-ins in the facade.
        render::DrawLists lists;
        render::buildDrawLists(scene, view, view.camera.viewProjection(16.0f / 9.0f), lists,
                               1080.0f);
        size_t nearCasters = 0;
        for (uint32_t i : lists.shadowCasters) {
            CHECK_FALSE(scene.instances()[i].flags & render::kInstanceLodFar);
            nearCasters += (scene.instances()[i].flags & render::kInstanceLodNear) != 0;
        }
        CHECK(nearCasters > 0);
        // The stand-ins' window panels (opaque glass) are drawn by the window variant
        // (mullions, windows lit one by one at night), nothing else is.
        size_t windowPanels = 0;
        for (uint32_t i : lists.opaque) {
            const bool glass = scene.instances()[i].flags & render::kInstanceGlass;
            CHECK((lists.variant[i] == render::kShadeWindow) == glass);
            windowPanels += glass;
        }
        CHECK(windowPanels > 0);
    }
    // The building nearest to a camera a few metres from gm/A1's facade.
    const auto& a1 = loaded->entityBounds[*p.findEntity("gm/A1")];
    uint32_t a1Group = 0;
    for (const render::Instance& inst : scene.instances())
        if (inst.entity == *p.findEntity("gm/A1/F3")) a1Group = inst.lodGroup;
    REQUIRE(a1Group != 0);
    SECTION("close to a building, its interior and see-through glass, no stand-ins") {
        view.camera.target = (a1.min + a1.max) * 0.5f;
        view.camera.eye = view.camera.target + glm::vec3(0.0f, 5.0f, 120.0f);
        const DrawnLevels d = drawnLevels(scene, view, 1080.0f, a1Group);
        CHECK(d.nearParts > 0);
        CHECK(d.farParts == 0);
        // See-through glass is blended: never the (opaque) window variant.
        render::DrawLists lists;
        render::buildDrawLists(scene, view, view.camera.viewProjection(16.0f / 9.0f), lists,
                               1080.0f);
        size_t glassPanes = 0;
        for (uint32_t i : lists.transparent) {
            CHECK(lists.variant[i] != render::kShadeWindow);
            glassPanes += (scene.instances()[i].flags & render::kInstanceGlass) != 0;
        }
        CHECK(glassPanes > 0);
        // The same view rendered 60 pixels high is far enough for the stand-ins again.
        const DrawnLevels small = drawnLevels(scene, view, 60.0f, a1Group);
        CHECK(small.nearParts == 0);
        CHECK(small.farParts > 0);
    }
    SECTION("a building being inspected shows its interior at any distance") {
        states[*p.findEntity("gm/A1/F3/U301")].flags = PT_ENTITY_FLAG_SELECTED;
        const DrawnLevels selected = drawnLevels(scene, view, 1080.0f, a1Group);
        CHECK(selected.nearParts > 0);
        CHECK(selected.farParts == 0);
        // Only that building: the others keep their stand-ins.
        const DrawnLevels all = drawnLevels(scene, view, 1080.0f);
        CHECK(all.farParts > 0);
        states[*p.findEntity("gm/A1/F3/U301")].flags = PT_ENTITY_FLAG_HIDDEN;
        CHECK(drawnLevels(scene, view, 1080.0f, a1Group).farParts == 0);
    }
    SECTION("a clip plane (cutaway, section) shows interiors") {
        view.clipPlane = glm::vec4(0.0f, 1.0f, 0.0f, -20.0f);
        const DrawnLevels d = drawnLevels(scene, view, 1080.0f);
        CHECK(d.nearParts > 0);
        CHECK(d.farParts == 0);
    }
    SECTION("without the level of detail (height 0) every building is drawn in full") {
        const DrawnLevels d = drawnLevels(scene, view, 0.0f);
        CHECK(d.nearParts > 0);
        CHECK(d.farParts == 0);
    }
}
