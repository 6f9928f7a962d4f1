#pragma once
// The portfolio tree (park -> building -> floor -> unit) flattened into rows for a tree view, and
// filtered by a search query. Zones and devices are not part of this tree (they have their own
// lists). Pure function of the Portfolio; call from any thread that may read it. Rows refer to
// entities by index and live as long as the caller keeps them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "park/park_model.h"

namespace pt::twin {

struct TreeRow {
    park::EntityIndex entity = park::kNoEntity;
    int depth = 0;             // 0 park, 1 building, 2 floor, 3 unit
    bool matches = false;      // the entity itself matches the query
    int matchesBelow = 0;      // matching descendants (not counting the entity itself)
    bool hasChildren = false;  // has rows below it in this (filtered) tree
};

struct TreeSearchResult {
    // Depth-first, each row followed by its subtree. With an empty query: the whole tree and no
    // matches. Otherwise: every matching entity plus its ancestors (so the tree stays
    // navigable); children of a match appear only if they match themselves.
    std::vector<TreeRow> rows;
    int matchCount = 0;
};

// Which text a query is matched against: everything, or one field the operator picked.
enum class SearchField { Any, Id, Tenant, Industry };

struct TreeOrder {
    // Floors ascending (F1 first) by default; true lists the top floor first, like a section.
    bool floorsTopFirst = false;
};

// True if `query` occurs in the entity's id, name, or (units) tenant or industry. ASCII letters
// compare case-insensitively; everything else (CJK, other UTF-8) byte-for-byte, so a Chinese
// substring matches. Leading and trailing spaces of the query are ignored; an empty query
// matches nothing.
// `field` narrows the match: Id (the id and the name), Tenant or Industry (units only).
bool matchesQuery(const park::Portfolio& portfolio, park::EntityIndex entity,
                  std::string_view query, SearchField field = SearchField::Any);

// Tree children in display order: parks and buildings by id (digit runs compared as numbers,
// so A2 < A10), floors by elevation then number, units by id likewise.
std::vector<park::EntityIndex> treeChildren(const park::Portfolio& portfolio,
                                            park::EntityIndex parent, const TreeOrder& order = {});
std::vector<park::EntityIndex> treeRoots(const park::Portfolio& portfolio);

TreeSearchResult searchPortfolio(const park::Portfolio& portfolio, std::string_view query,
                                 const TreeOrder& order = {}, SearchField field = SearchField::Any);

// The matching entities alone, in tree display order: the flat result list a search box shows
// (thousands of units scroll through a list clipper). `total` counts every match; `entities`
// holds at most `limit` of them.
struct SearchMatches {
    std::vector<park::EntityIndex> entities;
    int total = 0;
};
SearchMatches searchMatches(const park::Portfolio& portfolio, std::string_view query,
                            SearchField field = SearchField::Any, size_t limit = SIZE_MAX);

// The tree rows from a root park down to `entity` (itself included), so a tree view can open
// the nodes that lead to a selection. A zone or device maps to its nearest tree ancestor; empty
// for kNoEntity.
std::vector<park::EntityIndex> treePath(const park::Portfolio& portfolio, park::EntityIndex entity);

// "A2" < "A10": digit runs compare by value, other bytes as ASCII-lowercased bytes.
bool naturalLess(std::string_view a, std::string_view b);

}  // namespace pt::twin
