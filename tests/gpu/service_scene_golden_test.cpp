// Golden renders of the two service scenes through the real `parktwin render` command: the drone
// scene (pads, corridors, the dormitories' no-fly volume, drones in flight with trails) and the
// EV charging scene (bays in OCPP colours, power bars). `--data sim` on a service view runs the
// simulator on a fixed clock, so the picture is the same on every run; zero validation errors.
#include <catch2/catch.hpp>

#include <regex>

#include "gpu_fixture.h"
#include "run_command.h"
#include "test_paths.h"

namespace {

struct Run {
    std::string output;
    pt::RgbaImage image;
};

Run render(const std::string& name, const std::string& args) {
    // One folder per image: ctest runs these test cases in parallel.
    const auto dir = pt::test::scratchDir(("service_scene_" + name).c_str());
    const auto out = dir / (name + ".png");
    const std::string arguments =
        "render --size 640x360 --data sim --validate " + args + " --out " + out.string();
    const pt::test::CommandRun command = pt::test::runParktwin(arguments);
    Run run{.output = command.output};
    INFO(arguments << "\n" << run.output);
    REQUIRE(command.exitCode == 0);
    CHECK(run.output.find("validation errors: 0") != std::string::npos);
    auto image = pt::readPng(out);
    REQUIRE(image.ok());
    run.image = std::move(*image);
    return run;
}

// The numbers of the summary line `parktwin render` prints for a service scene.
std::smatch summary(const std::string& output) {
    static const std::regex line(
        R"(service scene: (\d+) drones \((\d+) airborne, \d+ charging, \d+ fault\), (\d+) chargers )"
        R"(\((\d+) in session, (\d+) faulted)");
    std::smatch m;
    REQUIRE(std::regex_search(output, m, line));
    return m;
}

}  // namespace

TEST_CASE("The drone scene of the demo park on simulated data matches its golden",
          "[gpu][golden][services]") {
    const Run run = render("service_drone", "--view drone --settle 40");
    const std::smatch m = summary(run.output);
    INFO(run.output);
    CHECK(std::stoi(m[1]) == 12);  // 4 + 2 pads, two drones each
    CHECK(std::stoi(m[2]) > 0);    // some are in the air: the picture shows flights
    pt::test::checkGolden("service_drone", run.image);
}

TEST_CASE("The EV charging scene of the demo park on simulated data matches its golden",
          "[gpu][golden][services]") {
    const Run run = render("service_ev", "--view ev --settle 10");
    const std::smatch m = summary(run.output);
    INFO(run.output);
    CHECK(std::stoi(m[3]) == 64);  // 48 bays in gm, 16 in ls
    CHECK(std::stoi(m[4]) > 0);    // sessions running on a weekday morning
    pt::test::checkGolden("service_ev", run.image);
}
