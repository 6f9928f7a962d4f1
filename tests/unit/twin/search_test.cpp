#include <catch2/catch.hpp>

#include "test_park.h"
#include "twin/portfolio_search.h"

using namespace pt;
using park::EntityIndex;
using twin::searchPortfolio;
using twin::test::TwoBuildingPark;

namespace {

// TwoBuildingPark with tenants: A/F1/U0 BYD (新能源), B/F2/U1 宁德时代 CATL (新能源),
// A/F3/U1 Mindray 迈瑞医疗 (生物医药).
TwoBuildingPark tenantPark() {
    TwoBuildingPark t;
    auto& p = t.scene.portfolio;
    p.unit(t.units[0][0][0]).tenant = "BYD 比亚迪";
    p.unit(t.units[0][0][0]).industry = "新能源";
    p.unit(t.units[1][1][1]).tenant = "宁德时代 CATL";
    p.unit(t.units[1][1][1]).industry = "新能源";
    p.unit(t.units[0][2][1]).tenant = "Mindray 迈瑞医疗";
    p.unit(t.units[0][2][1]).industry = "生物医药";
    return t;
}

std::vector<EntityIndex> entitiesOf(const twin::TreeSearchResult& r) {
    std::vector<EntityIndex> out;
    for (const auto& row : r.rows)
        out.push_back(row.entity);
    return out;
}

}  // namespace

TEST_CASE("empty query lists the whole tree in display order", "[search]") {
    const TwoBuildingPark t;
    const auto result = searchPortfolio(t.scene.portfolio, "  ");
    REQUIRE(result.rows.size() == 1 + 2 + 6 + 12);  // no zone, no meter
    CHECK(result.matchCount == 0);
    // A's floors were added F3, F1, F2; rows show them by elevation, each followed by its units.
    std::vector<EntityIndex> expected{t.park, t.buildings[0]};
    for (int k = 0; k < 3; ++k) {
        expected.push_back(t.floors[0][k]);
        expected.push_back(t.units[0][k][0]);
        expected.push_back(t.units[0][k][1]);
    }
    const std::vector<EntityIndex> rows = entitiesOf(result);
    CHECK(std::vector<EntityIndex>(rows.begin(), rows.begin() + 11) == expected);
    CHECK(result.rows[0].depth == 0);
    CHECK(result.rows[1].depth == 1);
    CHECK(result.rows[2].depth == 2);
    CHECK(result.rows[3].depth == 3);
    CHECK(result.rows[2].hasChildren);
    CHECK_FALSE(result.rows[3].hasChildren);
}

TEST_CASE("top-first order reverses floors only", "[search]") {
    const TwoBuildingPark t;
    const auto result = searchPortfolio(t.scene.portfolio, "", {.floorsTopFirst = true});
    CHECK(result.rows[2].entity == t.floors[0][2]);
    CHECK(result.rows[3].entity == t.units[0][2][0]);
    CHECK(result.rows[4].entity == t.units[0][2][1]);
}

TEST_CASE("a tenant match keeps its ancestors and counts matches", "[search]") {
    const TwoBuildingPark t = tenantPark();
    const auto result = searchPortfolio(t.scene.portfolio, "byd");  // ASCII, other case
    CHECK(result.matchCount == 1);
    CHECK(entitiesOf(result) ==
          std::vector<EntityIndex>{t.park, t.buildings[0], t.floors[0][0], t.units[0][0][0]});
    CHECK_FALSE(result.rows[0].matches);
    CHECK(result.rows[0].matchesBelow == 1);
    CHECK(result.rows[2].matchesBelow == 1);
    CHECK(result.rows[3].matches);
    CHECK(result.rows[3].matchesBelow == 0);
}

TEST_CASE("Chinese substrings match tenant and industry", "[search]") {
    const TwoBuildingPark t = tenantPark();
    const auto& p = t.scene.portfolio;
    const auto energy = searchPortfolio(p, "新能");
    CHECK(energy.matchCount == 2);
    CHECK(energy.rows.front().matchesBelow == 2);
    CHECK(entitiesOf(energy) == std::vector<EntityIndex>{t.park, t.buildings[0], t.floors[0][0],
                                                         t.units[0][0][0], t.buildings[1],
                                                         t.floors[1][1], t.units[1][1][1]});
    CHECK(searchPortfolio(p, "迈瑞").matchCount == 1);
    CHECK(searchPortfolio(p, "MINDRAY").matchCount == 1);
    CHECK(searchPortfolio(p, "迈瑞x").matchCount == 0);
    CHECK(searchPortfolio(p, "迈瑞x").rows.empty());
}

TEST_CASE("ids and names match, children of a match are not added", "[search]") {
    const TwoBuildingPark t;
    const auto& p = t.scene.portfolio;
    // "光明" is the park's name only.
    const auto byName = searchPortfolio(p, "光明");
    CHECK(byName.matchCount == 1);
    REQUIRE(byName.rows.size() == 1);
    CHECK(byName.rows[0].matches);
    CHECK_FALSE(byName.rows[0].hasChildren);
    // Unit id segment.
    const auto byId = searchPortfolio(p, "gm/b/f2/u1");
    CHECK(entitiesOf(byId) ==
          std::vector<EntityIndex>{t.park, t.buildings[1], t.floors[1][1], t.units[1][1][1]});
    CHECK(twin::matchesQuery(p, t.units[1][1][1], " F2/U1 "));
    CHECK_FALSE(twin::matchesQuery(p, t.units[1][1][1], ""));
}

TEST_CASE("natural order compares digit runs by value", "[search]") {
    CHECK(twin::naturalLess("gm/A2", "gm/A10"));
    CHECK_FALSE(twin::naturalLess("gm/A10", "gm/A2"));
    CHECK(twin::naturalLess("U0999", "U1203"));
    CHECK(twin::naturalLess("a", "B"));
    CHECK_FALSE(twin::naturalLess("x", "x"));
}

TEST_CASE("a search field narrows the match to ids, tenants or industries", "[search]") {
    TwoBuildingPark t = tenantPark();
    auto& p = t.scene.portfolio;
    // A tenant whose name looks like an id segment: "F2 Robotics" on A/F1/U1.
    p.unit(t.units[0][0][1]).tenant = "F2 Robotics";
    using twin::SearchField;
    CHECK(searchPortfolio(p, "f2", {}, SearchField::Any).matchCount == 2 + 4 + 1);
    // Ids: both F2 floors and their four units.
    CHECK(searchPortfolio(p, "f2", {}, SearchField::Id).matchCount == 2 + 4);
    CHECK(searchPortfolio(p, "f2", {}, SearchField::Tenant).matchCount == 1);
    CHECK(searchPortfolio(p, "f2", {}, SearchField::Industry).matchCount == 0);
    CHECK(searchPortfolio(p, "新能源", {}, SearchField::Industry).matchCount == 2);
    CHECK(searchPortfolio(p, "新能源", {}, SearchField::Tenant).matchCount == 0);
    CHECK(twin::matchesQuery(p, t.units[0][2][1], "mindray", SearchField::Tenant));
    CHECK_FALSE(twin::matchesQuery(p, t.units[0][2][1], "mindray", SearchField::Id));
}

TEST_CASE("flat matches come in tree order, capped by a limit", "[search]") {
    const TwoBuildingPark t = tenantPark();
    const auto& p = t.scene.portfolio;
    const auto all = twin::searchMatches(p, "新能");
    CHECK(all.total == 2);
    CHECK(all.entities == std::vector<EntityIndex>{t.units[0][0][0], t.units[1][1][1]});
    // "u1" matches every second unit (6 of them) by id; the list stops at the limit.
    const auto capped = twin::searchMatches(p, "u1", twin::SearchField::Id, 4);
    CHECK(capped.total == 6);
    REQUIRE(capped.entities.size() == 4);
    CHECK(capped.entities[0] == t.units[0][0][1]);
    CHECK(capped.entities[1] == t.units[0][1][1]);
    CHECK(twin::searchMatches(p, "").total == 0);
}

TEST_CASE("the tree path leads from the park to an entity", "[search]") {
    const TwoBuildingPark t;
    const auto& p = t.scene.portfolio;
    CHECK(twin::treePath(p, t.units[1][2][0]) ==
          std::vector<EntityIndex>{t.park, t.buildings[1], t.floors[1][2], t.units[1][2][0]});
    CHECK(twin::treePath(p, t.park) == std::vector<EntityIndex>{t.park});
    // Zones and devices are not tree rows: their path ends at the nearest tree ancestor.
    CHECK(twin::treePath(p, t.zone) == std::vector<EntityIndex>{t.park});
    CHECK(twin::treePath(p, t.meter) ==
          std::vector<EntityIndex>{t.park, t.buildings[0], t.floors[0][2]});
    CHECK(twin::treePath(p, park::kNoEntity).empty());
}
