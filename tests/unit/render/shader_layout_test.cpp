// Pins the layout of structs shared by C++ and GLSL: if one side changes, this fails before any
// image goes wrong.
#include <catch2/catch.hpp>

#include <cstddef>

#include "shaders/shared/scene_types.h"

using namespace pt::shaders;

TEST_CASE("FrameGlobals matches its std140 layout", "[shaders]") {
    CHECK(sizeof(FrameGlobals) == 4 * 64 + 10 * 16 + 18 * 16);
    CHECK(offsetof(FrameGlobals, viewProj) == 0);
    CHECK(offsetof(FrameGlobals, view) == 64);
    CHECK(offsetof(FrameGlobals, inverseViewProj) == 128);
    CHECK(offsetof(FrameGlobals, lightViewProj) == 192);
    CHECK(offsetof(FrameGlobals, cameraPosition) == 256);
    CHECK(offsetof(FrameGlobals, sunDirection) == 272);
    CHECK(offsetof(FrameGlobals, sunColor) == 288);
    CHECK(offsetof(FrameGlobals, skyColor) == 304);
    CHECK(offsetof(FrameGlobals, groundColor) == 320);
    CHECK(offsetof(FrameGlobals, viewport) == 336);
    CHECK(offsetof(FrameGlobals, clipPlane) == 352);
    CHECK(offsetof(FrameGlobals, selectionColor) == 368);
    CHECK(offsetof(FrameGlobals, params) == 384);
    CHECK(offsetof(FrameGlobals, ids) == 400);
    CHECK(offsetof(FrameGlobals, ambientSh) == 416);
    CHECK(offsetof(FrameGlobals, skySh) == 416 + 9 * 16);
}

TEST_CASE("MaterialData matches its std430 layout", "[shaders]") {
    CHECK(sizeof(MaterialData) == 48);
    CHECK(offsetof(MaterialData, emissive) == 0);
    CHECK(offsetof(MaterialData, metallic) == 16);
    CHECK(offsetof(MaterialData, roughness) == 20);
    CHECK(offsetof(MaterialData, occlusionStrength) == 24);
    CHECK(offsetof(MaterialData, layers) == 32);
}

TEST_CASE("EntityState is 16 bytes like the live-data visual state", "[shaders]") {
    CHECK(sizeof(EntityState) == 16);
    CHECK(offsetof(EntityState, flags) == 4);
    CHECK(offsetof(EntityState, value) == 8);
    CHECK(offsetof(EntityState, rule) == 12);
}

TEST_CASE("InstanceData matches its std430 layout", "[shaders]") {
    CHECK(sizeof(InstanceData) == 96);
    CHECK(sizeof(InstanceData) % 16 == 0);  // array stride in std430
    CHECK(offsetof(InstanceData, model) == 0);
    CHECK(offsetof(InstanceData, color) == 64);
    CHECK(offsetof(InstanceData, entity) == 80);
    CHECK(offsetof(InstanceData, flags) == 84);
    CHECK(offsetof(InstanceData, material) == 88);
}
