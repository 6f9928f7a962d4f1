#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

#include "assets/isolated_import.h"
#include "assets/model_serialization.h"
#include "model_checks.h"
#include "test_paths.h"

using namespace pt::assets;
using namespace std::chrono_literals;

TEST_CASE("A crashing importer becomes an error naming the signal", "[assets][isolated]") {
    pt::Result<ImportedModel> model = runIsolated(
        []() -> pt::Result<ImportedModel> {
            std::raise(SIGSEGV);
            return ImportedModel{};
        },
        "RecursiveNodes.gltf", 10s);
    REQUIRE_FALSE(model.ok());
    CHECK(model.error().message ==
          "RecursiveNodes.gltf: importer crashed (signal 11: "
          "Segmentation fault)");
}

TEST_CASE("An aborting importer becomes an error", "[assets][isolated]") {
    pt::Result<ImportedModel> model =
        runIsolated([]() -> pt::Result<ImportedModel> { std::abort(); }, "a.obj", 10s);
    REQUIRE_FALSE(model.ok());
    CHECK_THAT(model.error().message, Catch::StartsWith("a.obj: importer crashed (signal 6"));
}

TEST_CASE("A hanging importer is killed after the timeout", "[assets][isolated]") {
    const auto start = std::chrono::steady_clock::now();
    pt::Result<ImportedModel> model = runIsolated(
        []() -> pt::Result<ImportedModel> {
            std::this_thread::sleep_for(60s);
            return ImportedModel{};
        },
        "huge.ifc", 300ms);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(model.ok());
    CHECK(model.error().message == "huge.ifc: importer timed out after 0.3 s");
    CHECK(elapsed < 5s);
}

TEST_CASE("Errors of the importer pass through unchanged", "[assets][isolated]") {
    pt::Result<ImportedModel> model = runIsolated(
        []() -> pt::Result<ImportedModel> { return pt::makeError("x.obj: broken on line 3"); },
        "x.obj", 10s);
    REQUIRE_FALSE(model.ok());
    CHECK(model.error().message == "x.obj: broken on line 3");
}

TEST_CASE("An isolated import equals a direct one", "[assets][isolated]") {
    const auto path =
        pt::test::sharedDataOrSkip() / "models" / "gltf" / "BoxTextured-glTF" / "BoxTextured.gltf";
    pt::Result<ImportedModel> direct = importModel(path);
    pt::Result<ImportedModel> isolated = importModelIsolated(path);
    REQUIRE(direct.ok());
    REQUIRE(isolated.ok());
    CHECK(isolated->textures.size() == 1);
    CHECK(serializeModel(*isolated) == serializeModel(*direct));
}
