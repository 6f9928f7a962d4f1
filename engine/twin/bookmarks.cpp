#include "twin/bookmarks.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "core/file_io.h"

namespace pt::twin {
namespace {

using nlohmann::json;

json vec3ToJson(const glm::vec3& v) {
    return json::array({v.x, v.y, v.z});
}

std::optional<glm::vec3> vec3FromJson(const json& j) {
    if (!j.is_array() || j.size() != 3) return std::nullopt;
    glm::vec3 v(0.0f);
    for (int i = 0; i < 3; ++i) {
        if (!j[i].is_number()) return std::nullopt;
        v[i] = j[i].get<float>();
        if (!std::isfinite(v[i])) return std::nullopt;
    }
    return v;
}

Result<Bookmark> parseOne(const json& j, const std::string& where) {
    if (!j.is_object()) return makeError(where, ": must be an object");
    Bookmark b;
    const auto name = j.find("name");
    if (name == j.end() || !name->is_string() || name->get<std::string>().empty())
        return makeError(where, ": 'name' must be a non-empty string");
    b.name = name->get<std::string>();
    const std::string at = strCat(where, " ('", b.name, "')");
    for (const char* key : {"eye", "target"}) {
        const auto it = j.find(key);
        const auto v = it == j.end() ? std::nullopt : vec3FromJson(*it);
        if (!v) return makeError(at, ": '", key, "' must be an array of 3 numbers");
        (key[0] == 'e' ? b.eye : b.target) = *v;
    }
    if (b.eye == b.target) return makeError(at, ": 'eye' and 'target' are the same point");
    if (const auto it = j.find("fovYDegrees"); it != j.end()) {
        if (!it->is_number() || !(it->get<double>() > 0.0 && it->get<double>() < 180.0))
            return makeError(at, ": 'fovYDegrees' must be a number between 0 and 180");
        b.fovYDegrees = it->get<float>();
    }
    if (const auto it = j.find("selected"); it != j.end() && !it->is_null()) {
        if (!it->is_string()) return makeError(at, ": 'selected' must be an entity id string");
        b.selected = it->get<std::string>();
    }
    if (const auto it = j.find("floorMode"); it != j.end()) {
        const auto mode = it->is_string() ? parseFloorMode(it->get<std::string>()) : std::nullopt;
        if (!mode)
            return makeError(at,
                             ": 'floorMode' must be one of none, isolate, ghost, cutaway, "
                             "explode, section");
        b.floorMode = *mode;
    }
    return b;
}

}  // namespace

BookmarkSet::BookmarkSet(std::vector<Bookmark> bookmarks) {
    for (Bookmark& b : bookmarks)
        put(std::move(b));
}

const Bookmark* BookmarkSet::find(std::string_view name) const {
    const auto it = std::find_if(m_bookmarks.begin(), m_bookmarks.end(),
                                 [&](const Bookmark& b) { return b.name == name; });
    return it == m_bookmarks.end() ? nullptr : &*it;
}

bool BookmarkSet::put(Bookmark bookmark) {
    for (Bookmark& b : m_bookmarks)
        if (b.name == bookmark.name) {
            b = std::move(bookmark);
            return true;
        }
    m_bookmarks.push_back(std::move(bookmark));
    return false;
}

bool BookmarkSet::remove(std::string_view name) {
    const auto it = std::find_if(m_bookmarks.begin(), m_bookmarks.end(),
                                 [&](const Bookmark& b) { return b.name == name; });
    if (it == m_bookmarks.end()) return false;
    m_bookmarks.erase(it);
    return true;
}

Bookmark bookmarkFromCamera(std::string name, const render::Camera& camera) {
    return {.name = std::move(name),
            .eye = camera.eye,
            .target = camera.target,
            .fovYDegrees = camera.fovYDegrees};
}

render::Camera cameraFromBookmark(const Bookmark& bookmark, render::Camera lens) {
    lens.eye = bookmark.eye;
    lens.target = bookmark.target;
    lens.fovYDegrees = bookmark.fovYDegrees;
    return lens;
}

std::string bookmarksToJson(std::span<const Bookmark> bookmarks) {
    json list = json::array();
    for (const Bookmark& b : bookmarks) {
        json j = {{"name", b.name},
                  {"eye", vec3ToJson(b.eye)},
                  {"target", vec3ToJson(b.target)},
                  {"fovYDegrees", b.fovYDegrees}};
        if (b.selected) j["selected"] = *b.selected;
        if (b.floorMode != FloorMode::None) j["floorMode"] = std::string(toString(b.floorMode));
        list.push_back(std::move(j));
    }
    return json{{"version", 1}, {"bookmarks", std::move(list)}}.dump(2) + "\n";
}

Result<std::vector<Bookmark>> parseBookmarks(std::string_view text, std::string_view sourceName) {
    const json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) return makeError(sourceName, ": not valid JSON");
    if (!root.is_object()) return makeError(sourceName, ": expected an object with 'bookmarks'");
    if (const auto v = root.find("version"); v != root.end() && *v != 1)
        return makeError(sourceName, ": unsupported version ", v->dump(), " (expected 1)");
    const auto list = root.find("bookmarks");
    if (list == root.end() || !list->is_array())
        return makeError(sourceName, ": 'bookmarks' must be an array");
    std::vector<Bookmark> out;
    std::set<std::string> names;
    for (size_t i = 0; i < list->size(); ++i) {
        auto b = parseOne((*list)[i], strCat(sourceName, ": bookmark ", i + 1));
        if (!b) return b.error();
        if (!names.insert(b->name).second)
            return makeError(sourceName, ": bookmark ", i + 1, " ('", b->name,
                             "'): name used twice");
        out.push_back(std::move(*b));
    }
    return out;
}

Result<BookmarkSet> loadBookmarks(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return BookmarkSet{};
    auto text = readTextFile(path);
    if (!text) return text.error();
    auto list = parseBookmarks(*text, path.string());
    if (!list) return list.error();
    return BookmarkSet(std::move(*list));
}

Result<void> saveBookmarks(const std::filesystem::path& path, const BookmarkSet& bookmarks) {
    return writeFileAtomic(path, std::string_view(bookmarksToJson(bookmarks.all())));
}

}  // namespace pt::twin
