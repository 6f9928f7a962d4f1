#pragma once
// Named camera views ("bookmarks") the operator saves and recalls: camera pose, lens, optional
// selected entity and floor mode. Kept in a small JSON file beside the user's settings:
//   {"version": 1, "bookmarks": [{"name": "A3 lobby", "eye": [x, y, z], "target": [x, y, z],
//     "fovYDegrees": 45, "selected": "gm/A3/F12", "floorMode": "isolate"}]}
// ("selected" and "floorMode" optional; floorMode names as parseFloorMode takes them).
// Plain values, main thread; saving replaces the file atomically.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec3.hpp>

#include "core/result.h"
#include "render/camera.h"
#include "twin/inspection.h"

namespace pt::twin {

struct Bookmark {
    std::string name;  // unique within a set, non-empty
    glm::vec3 eye{0.0f};
    glm::vec3 target{0.0f};
    float fovYDegrees = 45.0f;            // (0, 180)
    std::optional<std::string> selected;  // entity id
    FloorMode floorMode = FloorMode::None;
    bool operator==(const Bookmark&) const = default;
};

// An ordered set of bookmarks, unique by name (case-sensitive); insertion order is kept.
class BookmarkSet {
public:
    BookmarkSet() = default;
    explicit BookmarkSet(std::vector<Bookmark> bookmarks);  // later duplicates replace earlier

    const std::vector<Bookmark>& all() const { return m_bookmarks; }
    size_t size() const { return m_bookmarks.size(); }
    const Bookmark* find(std::string_view name) const;
    // Adds, or replaces the one with the same name in place; returns true if it replaced.
    bool put(Bookmark bookmark);
    bool remove(std::string_view name);

private:
    std::vector<Bookmark> m_bookmarks;
};

Bookmark bookmarkFromCamera(std::string name, const render::Camera& camera);
// `lens` supplies everything a bookmark does not store (near plane, projection).
render::Camera cameraFromBookmark(const Bookmark& bookmark, render::Camera lens = {});

std::string bookmarksToJson(std::span<const Bookmark> bookmarks);
// `sourceName` prefixes error messages, e.g. "views.json: bookmark 2 ('Lobby'): 'eye' must be an
// array of 3 numbers". Duplicate names are an error.
Result<std::vector<Bookmark>> parseBookmarks(std::string_view json, std::string_view sourceName);

// A missing file is an empty set (first run); an unreadable or invalid one is an error.
Result<BookmarkSet> loadBookmarks(const std::filesystem::path& path);
Result<void> saveBookmarks(const std::filesystem::path& path, const BookmarkSet& bookmarks);

}  // namespace pt::twin
