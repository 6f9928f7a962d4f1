// Golden renders of the views an operator uses, through the real `parktwin render` command:
// park and building views, every floor mode on a generated building and on the IFC house, the
// plan view and night mode. Each run also must report zero validation errors.
#include <catch2/catch.hpp>

#include <cstdio>

#include "gpu_fixture.h"
#include "run_command.h"
#include "test_paths.h"

namespace {

struct Case {
    const char* golden;
    std::string args;
};

void renderAndCompare(const Case& c) {
    // One folder per image: ctest runs these test cases in parallel.
    const auto dir = pt::test::scratchDir((std::string("render_modes_") + c.golden).c_str());
    const auto out = dir / (std::string(c.golden) + ".png");
    const std::string args = "render --size 256x192 --data none --validate " + std::string(c.args) +
                             " --out " + out.string();
    const pt::test::CommandRun r = pt::test::runParktwin(args);
    INFO(args << "\n" << r.output);
    REQUIRE(r.exitCode == 0);
    CHECK(r.output.find("validation errors: 0") != std::string::npos);
    auto image = pt::readPng(out);
    REQUIRE(image.ok());
    pt::test::checkGolden(c.golden, *image);
}

}  // namespace

TEST_CASE("Park, building and plan views of the demo park match their goldens",
          "[gpu][golden][views]") {
    for (const Case& c :
         {Case{"view_park", ""}, Case{"view_building_selected", "--select gm/A3 --view building"},
          Case{"view_plan_floor", "--select gm/A3/F8 --view plan"},
          Case{"view_night", "--time-of-day 21:30"}}) {
        SECTION(c.golden) {
            renderAndCompare(c);
        }
    }
}

TEST_CASE("Every floor mode on a generated building matches its golden",
          "[gpu][golden][floor-modes]") {
    for (const char* mode : {"isolate", "ghost", "cutaway", "explode"}) {
        const std::string name = std::string("demo_floor_") + mode;
        SECTION(name) {
            renderAndCompare(
                {name.c_str(),
                 std::string("--select gm/A3/F8 --view building --floor-mode ") + mode});
        }
    }
}

TEST_CASE("Every floor mode on the IFC house matches its golden", "[gpu][golden][floor-modes]") {
    const auto data = pt::test::sharedDataOrSkip();
    const std::string scene =
        "--scene " + (data / "models/ifc/AC14-FZK-Haus.ifc").string() + " --select model/B1/F1 ";
    for (const char* mode : {"isolate", "ghost", "cutaway", "explode"}) {
        const std::string name = std::string("ifc_floor_") + mode;
        SECTION(name) {
            renderAndCompare({name.c_str(), scene + "--view building --floor-mode " + mode});
        }
    }
}
