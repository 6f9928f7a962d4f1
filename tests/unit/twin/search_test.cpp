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

TEST_CASE("ids and names match; children of a match are not added", "[search]") {
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
