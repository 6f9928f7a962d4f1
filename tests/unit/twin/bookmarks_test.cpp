#include <catch2/catch.hpp>

#include "core/file_io.h"
#include "test_paths.h"
#include "twin/bookmarks.h"

using namespace pt;
using twin::Bookmark;
using twin::BookmarkSet;
using twin::FloorMode;

namespace {

Bookmark lobby() {
    return {.name = "A3 大堂",
            .eye = {10, 2, 5},
            .target = {0, 1.5f, 0},
            .fovYDegrees = 60,
            .selected = "gm/A3/F1",
            .floorMode = FloorMode::Isolate};
}
Bookmark overview() {
    return {.name = "overview", .eye = {100, 80, 100}, .target = {0, 0, 0}};
}

}  // namespace

TEST_CASE("bookmarks are added, replaced in place and removed by name", "[bookmarks]") {
    BookmarkSet set;
    CHECK_FALSE(set.put(lobby()));
    CHECK_FALSE(set.put(overview()));
    Bookmark moved = lobby();
    moved.eye = {1, 2, 3};
    CHECK(set.put(moved));
    REQUIRE(set.size() == 2);
    CHECK(set.all()[0].name == "A3 大堂");  // replaced in place, order kept
    CHECK(set.find("A3 大堂")->eye == glm::vec3(1, 2, 3));
    CHECK(set.find("Overview") == nullptr);  // names are case-sensitive
    CHECK(set.remove("overview"));
    CHECK_FALSE(set.remove("overview"));
    CHECK(set.size() == 1);
}

TEST_CASE("bookmarks round-trip through a file", "[bookmarks]") {
    const auto dir = test::scratchDir("bookmarks_roundtrip");
    const auto path = dir / "views.json";
    BookmarkSet set;
    set.put(lobby());
    set.put(overview());
    REQUIRE(twin::saveBookmarks(path, set).ok());
    const auto loaded = twin::loadBookmarks(path);
    REQUIRE(loaded.ok());
    CHECK(loaded->all() == set.all());
    CHECK_FALSE(loaded->all()[1].selected.has_value());
    CHECK(loaded->all()[1].floorMode == FloorMode::None);
    // Overwriting keeps a valid file.
    set.remove("A3 大堂");
    REQUIRE(twin::saveBookmarks(path, set).ok());
    CHECK(twin::loadBookmarks(path)->size() == 1);
}

TEST_CASE("a missing bookmark file is an empty set", "[bookmarks]") {
    const auto dir = test::scratchDir("bookmarks_missing");
    const auto loaded = twin::loadBookmarks(dir / "none.json");
    REQUIRE(loaded.ok());
    CHECK(loaded->size() == 0);
}

TEST_CASE("camera conversion keeps pose and lens", "[bookmarks]") {
    render::Camera camera;
    camera.eye = {1, 2, 3};
    camera.target = {4, 5, 6};
    camera.fovYDegrees = 30;
    const Bookmark b = twin::bookmarkFromCamera("x", camera);
    render::Camera lens;
    lens.nearPlane = 0.1f;
    const render::Camera back = twin::cameraFromBookmark(b, lens);
    CHECK(back.eye == camera.eye);
    CHECK(back.target == camera.target);
    CHECK(back.fovYDegrees == 30);
    CHECK(back.nearPlane == 0.1f);
}

TEST_CASE("invalid bookmark files name the file and the entry", "[bookmarks]") {
    const auto dir = test::scratchDir("bookmarks_errors");
    const auto path = dir / "views.json";
    auto errorOf = [&](const char* text) {
        REQUIRE(writeFileAtomic(path, std::string_view(text)).ok());
        const auto loaded = twin::loadBookmarks(path);
        REQUIRE_FALSE(loaded.ok());
        return loaded.error().message;
    };
    const std::string file = path.string();
    CHECK(errorOf("{") == file + ": not valid JSON");
    CHECK(errorOf(R"({"bookmarks": 3})") == file + ": 'bookmarks' must be an array");
    CHECK(errorOf(R"({"bookmarks": [{"name": "a", "eye": [0,0,1], "target": [0,0,0]},
                                    {"name": "Lobby", "eye": [1, 2], "target": [0,0,0]}]})") ==
          file + ": bookmark 2 ('Lobby'): 'eye' must be an array of 3 numbers");
    CHECK(errorOf(R"({"bookmarks": [{"eye": [1,2,3], "target": [0,0,0]}]})") ==
          file + ": bookmark 1: 'name' must be a non-empty string");
    CHECK(errorOf(R"({"bookmarks": [{"name": "a", "eye": [1,2,3], "target": [0,0,0],
                                     "floorMode": "exploded"}]})")
              .starts_with(file + ": bookmark 1 ('a'): 'floorMode' must be one of"));
    CHECK(errorOf(R"({"bookmarks": [{"name": "a", "eye": [1,2,3], "target": [0,0,0],
                                     "fovYDegrees": 0}]})") ==
          file + ": bookmark 1 ('a'): 'fovYDegrees' must be a number between 0 and 180");
    CHECK(errorOf(R"({"bookmarks": [{"name": "a", "eye": [1,2,3], "target": [0,0,0]},
                                    {"name": "a", "eye": [1,2,3], "target": [0,0,0]}]})") ==
          file + ": bookmark 2 ('a'): name used twice");
    CHECK(errorOf(R"({"version": 2, "bookmarks": []})") ==
          file + ": unsupported version 2 (expected 1)");
}
