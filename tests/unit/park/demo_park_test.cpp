#include <catch2/catch.hpp>

#include "park/demo_park.h"
#include "park/describe.h"
#include "park/manifest.h"

#include <nlohmann/json.hpp>

using namespace pt::park;

TEST_CASE("demo portfolio has the documented shape", "[park][demo]") {
    const Portfolio p = makeDemoPortfolio(7);
    CHECK(p.count(EntityKind::Park) == 2);
    REQUIRE(p.findEntity("gm").has_value());
    REQUIRE(p.findEntity("ls").has_value());
    int factories = 0;
    for (EntityIndex b : p.ofKind(EntityKind::Building)) {
        int floors = 0;
        for (EntityIndex f : p.children(b))
            floors += p.entity(f).kind == EntityKind::Floor;
        if (p.building(b).use == BuildingUse::Factory) {
            ++factories;
            CAPTURE(p.entity(b).id);
            CHECK(floors >= 8);
            CHECK(floors <= 24);
            for (EntityIndex f : p.children(b)) {
                if (p.entity(f).kind != EntityKind::Floor) continue;
                CHECK(p.floor(f).height >= 5.0f);
                CHECK(p.floor(f).height <= 8.0f);
            }
        }
    }
    CHECK(factories >= 10);
    CHECK(p.findBuilding("gm/R1") != nullptr);
    CHECK(p.findBuilding("gm/R1")->use == BuildingUse::RnD);
    CHECK(p.findFloor("gm/R1/B1") != nullptr);
    CHECK(p.findFloor("gm/R1/B1")->number == -1);
    const std::size_t units = p.count(EntityKind::Unit);
    CHECK(units >= 1600);
    CHECK(units <= 2600);
    int chargers = 0, drones = 0;
    for (EntityIndex d : p.ofKind(EntityKind::Device)) {
        chargers += p.device(d).kind == DeviceKind::Charger &&
                    p.ancestorOfKind(d, EntityKind::Park) == *p.findEntity("gm");
        drones += p.device(d).kind == DeviceKind::Drone;
    }
    CHECK(chargers >= 40);
    CHECK(drones >= 4);
    CHECK(p.findDevice("gm/ev/P1/C01") != nullptr);
    CHECK(p.findDevice("gm/drone/D01") != nullptr);
    CHECK(p.findZone("gm/ev/P1") != nullptr);
}

TEST_CASE("demo vacancy is realistic and tenants are filled in", "[park][demo]") {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const Portfolio p = makeDemoPortfolio(seed);
        const LeaseSummary s = summarizeLeases(p);
        CAPTURE(seed);
        CHECK(s.vacancyRate() >= 0.15);
        CHECK(s.vacancyRate() <= 0.25);
        CHECK(s.byStatus[std::size_t(LeaseStatus::Reserved)] > 0);
        CHECK(s.byStatus[std::size_t(LeaseStatus::FittingOut)] > 0);
        for (EntityIndex u : p.ofKind(EntityKind::Unit)) {
            const Unit& unit = p.unit(u);
            CHECK(unit.area > 0.0f);
            CHECK((unit.lease == LeaseStatus::Vacant) == unit.tenant.empty());
        }
    }
}

TEST_CASE("demo generator is deterministic per seed", "[park][demo]") {
    const std::string a = manifestToJson(makeDemoPortfolio(42));
    const std::string b = manifestToJson(makeDemoPortfolio(42));
    const std::string c = manifestToJson(makeDemoPortfolio(43));
    CHECK(a == b);
    CHECK(a != c);
}

TEST_CASE("demo rng is portable and in range", "[park][demo]") {
    DemoRng rng(0);
    // SplitMix64's published first output for seed 0.
    CHECK(rng.next() == 0xE220A8397B1DCDAFull);
    for (int i = 0; i < 1000; ++i) {
        const int v = rng.range(3, 5);
        CHECK((v >= 3 && v <= 5));
        const double u = rng.unit();
        CHECK((u >= 0.0 && u < 1.0));
    }
}

TEST_CASE("describe lists parks, buildings, floors and counts", "[park][describe]") {
    const Portfolio p = makeDemoPortfolio(7);
    const std::string text = describeText(p);
    CHECK(text.find("park gm ") != std::string::npos);
    CHECK(text.find("building gm/A1 ") != std::string::npos);
    CHECK(text.find("floor gm/R1/B1 B1: #-1, elevation -4.5 m") != std::string::npos);
    CHECK(text.find("devices Charger: 48") != std::string::npos);
    CHECK(text.find(std::to_string(p.count(EntityKind::Unit)) + " units") != std::string::npos);
    const std::string brief = describeText(p, false);
    CHECK(brief.find("floor gm/") == std::string::npos);
    const auto json = nlohmann::json::parse(describeJson(p));
    CHECK(json["counts"]["units"] == p.count(EntityKind::Unit));
    CHECK(json["parks"].size() == 2);
    CHECK(json["parks"][0]["devices"]["Charger"] == 48);
    CHECK(json["units"]["vacant"] == summarizeLeases(p).byStatus[0]);
}
