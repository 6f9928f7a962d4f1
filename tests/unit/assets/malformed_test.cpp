#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "assets/isolated_import.h"
#include "model_checks.h"
#include "test_paths.h"

using namespace pt::assets;
namespace fs = std::filesystem;

// Every malformed file must end as a clear error that names it, or as a sane model; never as a
// crash or a hang. The isolated importer is what the app uses for user files, so it is what
// is tested here.
TEST_CASE("Every malformed model gives a clear error or a sane model", "[assets][malformed]") {
    const fs::path root = pt::test::sharedDataOrSkip() / "models" / "malformed";
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file() && isSupportedModelExtension(entry.path())) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 12);
    for (const fs::path& file : files) {
        const std::string name = file.filename().string();
        ImportOptions options;
        options.timeoutSeconds = 60;
        pt::Result<ImportedModel> model = importModelIsolated(file, options);
        INFO(file.string() << ": " << (model ? "loaded" : model.error().message));
        if (model) {
            pt::assets::test::requireSaneModel(*model);
            continue;
        }
        const std::string& message = model.error().message;
        CHECK_THAT(message, Catch::StartsWith(name + ": "));
        CHECK(message.size() > name.size() + 8);  // a reason follows the name
        CHECK_THAT(message, !Catch::Contains("crashed") && !Catch::Contains("timed out"));
    }
}

TEST_CASE("Known malformed files fail for the right reason", "[assets][malformed]") {
    const fs::path root = pt::test::sharedDataOrSkip() / "models" / "malformed";
    const std::map<std::string, std::string> expected = {
        {"gltf/RecursiveNodes/RecursiveNodes.gltf", "recursive"},
        {"gltf/MissingBin/BoxTextured.gltf", "BoxTextured0.bin"},
        {"gltf/TestNoRootNode/NoScene.gltf", "No scene"},
        {"gltf/SchemaFailures/sceneWrongType.gltf", "scene"},
        {"obj/empty.obj", "too small"},
    };
    for (const auto& [relative, reason] : expected) {
        pt::Result<ImportedModel> model = importModelIsolated(root / relative);
        INFO(relative);
        REQUIRE_FALSE(model.ok());
        CHECK_THAT(model.error().message, Catch::Contains(reason));
    }
}

TEST_CASE("Out-of-range indices lose only the bad triangle", "[assets][malformed]") {
    const fs::path path = pt::test::sharedDataOrSkip() / "models" / "malformed" / "gltf" /
                          "IndexOutOfRange" / "IndexOutOfRange.gltf";
    pt::Result<ImportedModel> model = importModelIsolated(path);
    REQUIRE(model.ok());
    pt::assets::test::requireSaneModel(*model);
    CHECK(model->triangleCount == 11);  // a box's 12 minus the one with a bad index
}
