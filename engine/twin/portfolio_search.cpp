#include "twin/portfolio_search.h"

#include <algorithm>

namespace pt::twin {
namespace {

using park::EntityIndex;
using park::EntityKind;

char lowerAscii(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Bytes >= 0x80 (UTF-8 multi-byte sequences) are left alone, so lowering never breaks them.
std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = lowerAscii(c);
    return out;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool contains(std::string_view haystack, const std::string& loweredNeedle) {
    return lowered(haystack).find(loweredNeedle) != std::string::npos;
}

bool isTreeKind(EntityKind kind) {
    return kind == EntityKind::Park || kind == EntityKind::Building || kind == EntityKind::Floor ||
           kind == EntityKind::Unit;
}

bool matchesLowered(const park::Portfolio& p, EntityIndex e, const std::string& needle,
                    SearchField field) {
    if (needle.empty()) return false;
    const park::Entity& entity = p.entity(e);
    const bool any = field == SearchField::Any;
    if ((any || field == SearchField::Id) &&
        (contains(entity.id, needle) || contains(entity.name, needle)))
        return true;
    if (entity.kind != EntityKind::Unit) return false;
    const park::Unit& unit = p.unit(e);
    return ((any || field == SearchField::Tenant) && contains(unit.tenant, needle)) ||
           ((any || field == SearchField::Industry) && contains(unit.industry, needle));
}

struct Walker {
    const park::Portfolio& portfolio;
    const std::string& needle;
    const TreeOrder& order;
    SearchField field;
    TreeSearchResult& out;

    // Appends the rows of e's subtree; returns the number of matches in it (e included).
    // Without a needle every row is kept.
    int walk(EntityIndex e, int depth, bool keepAll) {
        const size_t at = out.rows.size();
        out.rows.push_back({.entity = e, .depth = depth});
        const bool self = matchesLowered(portfolio, e, needle, field);
        int below = 0;
        for (EntityIndex child : treeChildren(portfolio, e, order))
            below += walk(child, depth + 1, keepAll);
        TreeRow& row = out.rows[at];
        row.matches = self;
        row.matchesBelow = below;
        row.hasChildren = out.rows.size() > at + 1;
        if (!keepAll && !self && below == 0) out.rows.resize(at);
        out.matchCount += self ? 1 : 0;
        return below + (self ? 1 : 0);
    }
};

}  // namespace

bool naturalLess(std::string_view a, std::string_view b) {
    size_t i = 0, j = 0;
    auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            size_t ie = i, je = j;
            while (ie < a.size() && isDigit(a[ie]))
                ++ie;
            while (je < b.size() && isDigit(b[je]))
                ++je;
            std::string_view da = a.substr(i, ie - i), db = b.substr(j, je - j);
            while (da.size() > 1 && da.front() == '0')
                da.remove_prefix(1);
            while (db.size() > 1 && db.front() == '0')
                db.remove_prefix(1);
            if (da.size() != db.size()) return da.size() < db.size();
            if (da != db) return da < db;
            i = ie;
            j = je;
            continue;
        }
        const char ca = lowerAscii(a[i]), cb = lowerAscii(b[j]);
        if (ca != cb) return static_cast<unsigned char>(ca) < static_cast<unsigned char>(cb);
        ++i;
        ++j;
    }
    if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
    return a < b;  // tie-break (e.g. "A01" vs "A1") so the order is total
}

bool matchesQuery(const park::Portfolio& portfolio, EntityIndex entity, std::string_view query,
                  SearchField field) {
    return matchesLowered(portfolio, entity, lowered(trimmed(query)), field);
}

std::vector<EntityIndex> treeRoots(const park::Portfolio& portfolio) {
    std::vector<EntityIndex> parks(portfolio.parks().begin(), portfolio.parks().end());
    std::sort(parks.begin(), parks.end(), [&](EntityIndex a, EntityIndex b) {
        return naturalLess(portfolio.entity(a).id, portfolio.entity(b).id);
    });
    return parks;
}

std::vector<EntityIndex> treeChildren(const park::Portfolio& portfolio, EntityIndex parent,
                                      const TreeOrder& order) {
    std::vector<EntityIndex> out;
    for (EntityIndex child : portfolio.children(parent))
        if (isTreeKind(portfolio.entity(child).kind)) out.push_back(child);
    std::sort(out.begin(), out.end(), [&](EntityIndex a, EntityIndex b) {
        const park::Entity& ea = portfolio.entity(a);
        const park::Entity& eb = portfolio.entity(b);
        if (ea.kind == EntityKind::Floor && eb.kind == EntityKind::Floor) {
            const park::Floor& fa = portfolio.floor(a);
            const park::Floor& fb = portfolio.floor(b);
            if (fa.elevation != fb.elevation)
                return order.floorsTopFirst ? fa.elevation > fb.elevation
                                            : fa.elevation < fb.elevation;
            if (fa.number != fb.number)
                return order.floorsTopFirst ? fa.number > fb.number : fa.number < fb.number;
        }
        return naturalLess(ea.id, eb.id);
    });
    return out;
}

TreeSearchResult searchPortfolio(const park::Portfolio& portfolio, std::string_view query,
                                 const TreeOrder& order, SearchField field) {
    const std::string needle = lowered(trimmed(query));
    TreeSearchResult result;
    Walker walker{portfolio, needle, order, field, result};
    for (EntityIndex park : treeRoots(portfolio))
        walker.walk(park, 0, needle.empty());
    return result;
}

SearchMatches searchMatches(const park::Portfolio& portfolio, std::string_view query,
                            SearchField field, size_t limit) {
    SearchMatches out;
    for (const TreeRow& row : searchPortfolio(portfolio, query, {}, field).rows) {
        if (!row.matches) continue;
        ++out.total;
        if (out.entities.size() < limit) out.entities.push_back(row.entity);
    }
    return out;
}

std::vector<EntityIndex> treePath(const park::Portfolio& portfolio, EntityIndex entity) {
    std::vector<EntityIndex> path;
    for (EntityIndex e = entity; e != park::kNoEntity && e < portfolio.entities().size();
         e = portfolio.entity(e).parent)
        if (isTreeKind(portfolio.entity(e).kind)) path.push_back(e);
    std::reverse(path.begin(), path.end());
    return path;
}

}  // namespace pt::twin
