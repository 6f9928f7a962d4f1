// Integration: `pt::data::publish()` (simulator and real-data replay) into a real mosquitto, read
// back through MqttSource + Ingestor + TelemetryStore as the viewer does.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "broker.h"
#include "data/ingestor.h"
#include "data/mqtt_source.h"
#include "data/publisher.h"
#include "test_paths.h"

using namespace pt::data;
using pt::test::waitFor;

namespace {

void skipWithoutBroker() {
    if (!std::filesystem::exists(pt::test::kMosquittoExe)) {
        std::fprintf(stderr, "SKIPPED: %s not installed\n", pt::test::kMosquittoExe);
        std::exit(pt::test::kSkipExitCode);
    }
}

// A viewer's data path. `topics` defaults to everything under parktwin/v1/.
struct Viewer {
    TelemetryStore store;
    Ingestor ingest{store, systemClock()};
    MqttSource source;

    Viewer(int port, std::vector<std::string> topics = {"parktwin/v1/#"})
        : source(MqttOptions{.port = port, .subscriptions = std::move(topics)}, ingest.queue(),
                 ingest.stats(), systemClock()) {
        REQUIRE(source.start().ok());
    }
    bool connected() {
        return waitFor([&] { return source.status().state == ConnectionState::Connected; });
    }
    std::optional<TimedValue> latest(const std::string& id, Channel channel) const {
        const EntityKey key = store.find(id);
        return key == kNoEntity ? std::nullopt : store.latest(key, channel);
    }
};

// Runs publish() on its own thread, like `parktwin publish` in another process would.
struct PublishRun {
    std::atomic<bool> stop{false};
    pt::Result<uint64_t> result = uint64_t(0);
    std::thread thread;

    explicit PublishRun(PublishOptions options) {
        options.stop = &stop;
        thread = std::thread([this, options] { result = publish(options); });
    }
    ~PublishRun() {
        stop = true;
        if (thread.joinable()) thread.join();
    }
    void join() { thread.join(); }
};

// Every value `from` holds is also `to`'s latest value (same value, same timestamp).
bool sameLatest(const TelemetryStore& from, const TelemetryStore& to, std::string* missing) {
    if (missing) missing->clear();
    for (EntityKey key = 0; key < from.entityCount(); ++key) {
        for (int c = 0; c < kChannelCount; ++c) {
            const auto want = from.latest(key, Channel(c));
            if (!want) continue;
            const EntityKey other = to.find(from.idOf(key));
            const auto got = other == kNoEntity ? std::nullopt : to.latest(other, Channel(c));
            if (!got || got->tsMs != want->tsMs || !(got->value == want->value)) {
                if (missing) *missing = from.idOf(key) + "/" + std::string(channelName(Channel(c)));
                return false;
            }
        }
    }
    return true;
}

}  // namespace

TEST_CASE("publish: simulator into a broker, batches, entity kinds, retained last values",
          "[integration][mqtt][publish]") {
    skipWithoutBroker();
    pt::test::Broker broker("publish_sim");
    REQUIRE(broker.start());
    // Batch topic only: proves every value travels in batches, and lets the count be exact.
    Viewer live(broker.port(), {std::string(kBatchTopic)});
    REQUIRE(live.connected());

    const SimPark park = makeDemoSimPark(7, /*buildings=*/2, /*floors=*/2, /*unitsPerFloor=*/3);
    PublishOptions options{.broker = {.port = broker.port()},
                           .sim = {.seed = 7, .speed = 1200},  // 20 simulated minutes a second
                           .park = park,
                           .tickMs = 100,
                           .batchSize = 40,
                           .retainEveryMs = 500,
                           .durationMs = 2000};
    const auto started = std::chrono::steady_clock::now();
    PublishRun run(options);
    run.join();
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE(run.result.ok());
    const uint64_t published = *run.result;
    CHECK(took < std::chrono::milliseconds(2000 + 1500));  // duration honoured, no long tail

    // QoS 1 on loopback: every published value arrives, exactly once, none rejected.
    REQUIRE(waitFor([&] {
        live.ingest.drain();
        return live.ingest.stats().accepted() >= published;
    }));
    const uint64_t messages = live.source.status().messages;
    INFO("published " << published << " values in " << messages << " batch messages");
    CHECK(live.ingest.stats().accepted() == published);
    CHECK(live.ingest.stats().rejectedTotal() == 0);
    CHECK(published > 500);
    CHECK(messages >= published / 40);  // no batch larger than batchSize
    CHECK(messages * 10 <= published);  // and batches are well filled, not one value each

    for (const SimUnit& unit : park.units) {
        INFO(unit.id);
        for (Channel c : {Channel::Occupancy, Channel::Power, Channel::Energy}) {
            const auto v = live.latest(unit.id, c);
            REQUIRE(v);
            CHECK(std::get<double>(v->value) >= 0);
        }
        CHECK(std::get<double>(live.latest(unit.id, Channel::Occupancy)->value) <= unit.capacity);
    }
    int chargersWithStatus = 0;
    for (const SimCharger& charger : park.chargers) {
        const auto status = live.latest(charger.id, Channel::Status);
        if (!status) continue;
        ++chargersWithStatus;
        CHECK(isValidEnumValue(Channel::Status, std::get<std::string>(status->value)));
        CHECK(live.latest(charger.id, Channel::Power));
    }
    CHECK(chargersWithStatus >= 5);
    int dronesWithPose = 0;
    for (const SimDrone& drone : park.drones) {
        INFO(drone.id);
        const auto state = live.latest(drone.id, Channel::State);
        REQUIRE(state);
        CHECK(isValidEnumValue(Channel::State, std::get<std::string>(state->value)));
        if (const auto pose = live.latest(drone.id, Channel::Pose)) {
            ++dronesWithPose;
            const Pose p = std::get<Pose>(pose->value);
            CHECK(p.z >= 0);
            CHECK(p.heading >= 0);
            CHECK(p.heading < 360);
            REQUIRE(live.latest(drone.id, Channel::Battery));
        }
    }
    CHECK(dronesWithPose >= 1);

    // A viewer that starts after the publisher has gone gets the final values from the
    // retained messages alone: same value, same timestamp as the last batch carried.
    Viewer late(broker.port());
    std::string missing;
    CHECK(waitFor([&] {
        late.ingest.drain();
        return sameLatest(live.store, late.store, &missing);
    }));
    INFO("first value not retained: " << missing);
    CHECK(missing.empty());
}

TEST_CASE("publish: stop flag ends a run promptly, bad options are errors",
          "[integration][mqtt][publish]") {
    skipWithoutBroker();
    pt::test::Broker broker("publish_stop");
    REQUIRE(broker.start());
    PublishOptions options{.broker = {.port = broker.port()},
                           .park = makeDemoSimPark(1, 1, 1, 2),
                           .tickMs = 5000,  // a stop must not wait out the tick
                           .durationMs = 0};
    const auto started = std::chrono::steady_clock::now();
    {
        PublishRun run(options);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        run.stop = true;
        run.join();
        REQUIRE(run.result.ok());
        CHECK(*run.result > 0);
    }
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1500));

    options.batchSize = 0;
    options.durationMs = 100;
    CHECK_FALSE(publish(options).ok());
    options.batchSize = 10;
    options.broker.port = 1;  // nothing listens there
    CHECK_FALSE(publish(options).ok());
}

TEST_CASE("publish: replay of real ACN EV sessions and UCI occupancy through the broker",
          "[integration][mqtt][publish][replay]") {
    skipWithoutBroker();
    const std::filesystem::path telemetry = pt::test::sharedDataOrSkip() / "telemetry";
    pt::test::Broker broker("publish_replay");
    REQUIRE(broker.start());
    Viewer live(broker.port());
    REQUIRE(live.connected());

    const SimPark park = makeDemoSimPark(3, 1, 2, 3);
    PublishOptions options{.broker = {.port = broker.port()},
                           .source = PublishOptions::Source::Replay,
                           .park = park,
                           .telemetryDir = telemetry,
                           .replay = {.speed = 4 * 86400},  // four days of data a second
                           .tickMs = 100,
                           .batchSize = 100,
                           .retainEveryMs = 0,  // live only: every message is a batch
                           .durationMs = 1500};
    PublishRun run(options);
    run.join();
    REQUIRE(run.result.ok());
    const uint64_t published = *run.result;
    REQUIRE(waitFor([&] {
        live.ingest.drain();
        return live.ingest.stats().accepted() >= published;
    }));
    CHECK(live.ingest.stats().accepted() == published);
    CHECK(live.ingest.stats().rejectedTotal() == 0);
    CHECK(live.source.status().messages * 5 <= published);

    // Units (the UCI room): headcount within capacity, plausible indoor readings.
    for (const SimUnit& unit : park.units) {
        INFO(unit.id);
        const auto occupancy = live.latest(unit.id, Channel::Occupancy);
        const auto temperature = live.latest(unit.id, Channel::Temperature);
        const auto co2 = live.latest(unit.id, Channel::Co2);
        REQUIRE(occupancy);
        REQUIRE(temperature);
        REQUIRE(co2);
        CHECK(std::get<double>(occupancy->value) <= unit.capacity);
        CHECK(std::get<double>(temperature->value) > 10);
        CHECK(std::get<double>(temperature->value) < 35);
        CHECK(std::get<double>(co2->value) >= 300);
    }
    // Chargers (ACN sessions): real OCPP statuses, some sessions completed with energy counted.
    int withStatus = 0, withEnergy = 0;
    for (int c = 1; c <= 42; ++c) {
        char id[32];
        std::snprintf(id, sizeof id, "gm/ev/P1/C%02d", c);
        const auto status = live.latest(id, Channel::Status);
        if (!status) continue;
        ++withStatus;
        const std::string& s = std::get<std::string>(status->value);
        CHECK((s == "Charging" || s == "SuspendedEV" || s == "Available"));
        if (const auto energy = live.latest(id, Channel::Energy))
            withEnergy += std::get<double>(energy->value) > 0;
    }
    CHECK(withStatus >= 8);  // the first 6 days of the file use 12 stations
    CHECK(withEnergy >= 5);
}
