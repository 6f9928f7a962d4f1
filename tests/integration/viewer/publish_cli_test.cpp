// `parktwin publish` as a user runs it (the README's live broker in two commands), against a real
// mosquitto: every unit of the demo park has retained occupancy, power and energy after the first
// second, so a viewer that connects to the broker at any time is never grey waiting for data.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "broker.h"
#include "run_command.h"
#include "test_paths.h"

namespace {

constexpr const char* kMosquittoSub = "/usr/bin/mosquitto_sub";

// The number of units in the demo park, from `parktwin info --json`.
size_t demoUnitCount() {
    const pt::test::CommandRun info = pt::test::runParktwin("info --json");
    REQUIRE(info.exitCode == 0);
    const auto doc = nlohmann::json::parse(info.output.substr(info.output.find('{')));
    return doc.at("counts").at("units").get<size_t>();
}

// Topic -> payload of every retained message the broker holds under parktwin/v1/.
std::map<std::string, std::string> retainedMessages(int port) {
    const pt::test::CommandRun sub =
        pt::test::runCommand(std::string(kMosquittoSub) + " -h 127.0.0.1 -p " +
                             std::to_string(port) + " -t 'parktwin/v1/#' -v --retained-only -W 3");
    std::map<std::string, std::string> out;
    std::istringstream lines(sub.output);
    for (std::string line; std::getline(lines, line);) {
        const size_t space = line.find(' ');
        if (line.starts_with("parktwin/v1/") && space != std::string::npos)
            out[line.substr(0, space)] = line.substr(space + 1);  // not "Timed out" and the like
    }
    return out;
}

}  // namespace

TEST_CASE("parktwin publish: every unit's values are retained from the first second",
          "[integration][mqtt][publish][cli]") {
    if (!std::filesystem::exists(pt::test::kMosquittoExe) ||
        !std::filesystem::exists(kMosquittoSub)) {
        std::fprintf(stderr, "SKIPPED: mosquitto or mosquitto_sub not installed\n");
        std::exit(pt::test::kSkipExitCode);
    }
    const size_t units = demoUnitCount();
    REQUIRE(units > 1000);
    pt::test::Broker broker("publish_cli");
    REQUIRE(broker.start());
    const std::string url = "mqtt://127.0.0.1:" + std::to_string(broker.port());

    // One second is one tick. Units report once a simulated minute, their first reports
    // staggered over it; without the warm-up only those due at the first step (about one in
    // sixty) would have a value now, and at 1x a viewer would wait a minute for the rest.
    const pt::test::CommandRun run =
        pt::test::runParktwin("publish --broker " + url + " --duration 1");
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    CHECK(run.output.find("values published") != std::string::npos);

    // Only units report occupancy (chargers and drones have their own channels), so the
    // entities with a retained occupancy must be exactly as many as the park's units, and each
    // must have power and energy too, all valid readings.
    const std::map<std::string, std::string> retained = retainedMessages(broker.port());
    std::map<std::string, std::set<std::string>> channelsOf;
    size_t badPayloads = 0;
    std::string firstBad;
    for (const auto& [topic, payload] : retained) {
        const size_t slash = topic.rfind('/');
        const std::string entity = topic.substr(12, slash - 12);  // after "parktwin/v1/"
        const std::string channel = topic.substr(slash + 1);
        if (channel != "occupancy" && channel != "power" && channel != "energy") continue;
        const auto doc = nlohmann::json::parse(payload, nullptr, false);
        if (doc.is_object() && doc.contains("value") && doc["value"].is_number() &&
            doc["value"].get<double>() >= 0) {
            channelsOf[entity].insert(channel);
        } else if (badPayloads++ == 0) {
            firstBad = topic + " " + payload;
        }
    }
    INFO("first invalid payload: " << firstBad);
    CHECK(badPayloads == 0);
    size_t withOccupancy = 0, complete = 0;
    for (const auto& [entity, channels] : channelsOf) {
        if (!channels.count("occupancy")) continue;
        ++withOccupancy;
        complete += channels.size() == 3 ? 1 : 0;
    }
    INFO("retained topics: " << retained.size());
    CHECK(withOccupancy == units);
    CHECK(complete == units);

    SECTION("bad --speed is one clear error, nothing published") {
        const pt::test::CommandRun bad =
            pt::test::runParktwin("publish --broker " + url + " --speed 0");
        CHECK(bad.exitCode == 2);
        CHECK(bad.output.find("--speed: expected a number above 0") != std::string::npos);
    }
}
