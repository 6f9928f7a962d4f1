#include <catch2/catch.hpp>

#include <glm/geometric.hpp>
#include <map>
#include <string>
#include <utility>

#include "data/ingestor.h"
#include "data/replay.h"
#include "data/simulator.h"
#include "test_paths.h"

using namespace pt::data;

TEST_CASE("replay: the real UCI occupancy files", "[data][replay]") {
    const auto dir = pt::test::sharedDataOrSkip() / "telemetry/uci-occupancy";
    auto training = loadUciOccupancy(dir / "datatraining.txt");
    REQUIRE(training.ok());
    CHECK(training->size() == 8143);
    CHECK(std::count_if(training->begin(), training->end(), [](auto& r) { return r.occupied; }) ==
          1729);
    CHECK(training->front().tsMs == 1423072260000);  // 2015-02-04 17:51:00
    CHECK(training->front().co2 == Approx(721.25));
    auto test = loadUciOccupancy(dir / "datatest.txt");
    REQUIRE(test.ok());
    CHECK(test->size() == 2665);
    CHECK(std::count_if(test->begin(), test->end(), [](auto& r) { return r.occupied; }) == 972);
    CHECK_FALSE(loadUciOccupancy(dir / "missing.txt").ok());
    UciRecord r{.co2 = 900, .occupied = true};
    CHECK(estimateHeadcount(r, 20) == 10);
    r.occupied = false;
    CHECK(estimateHeadcount(r, 20) == 0);
}

TEST_CASE("replay: the real ACN-Data EV sessions", "[data][replay]") {
    const auto path = pt::test::sharedDataOrSkip() / "telemetry/acn-ev/acndata_sessions.json";
    auto sessions = loadAcnSessions(path);
    REQUIRE(sessions.ok());
    CHECK(sessions->size() == 2114);
    double kWh = 0;
    for (const auto& s : *sessions)
        kWh += s.kWh;
    CHECK(kWh == Approx(26217.094));
    CHECK(parseHttpDate("Sat, 01 May 2021 20:42:47 GMT") == 1619901767000);
    int stations = 0;
    const auto events = buildChargerEvents(*sessions, &stations);
    CHECK(stations == 42);
    // 2114 connects + 1409 done-charging times inside their session + 2114 disconnects.
    CHECK(events.size() == 5637);
    CHECK(std::count_if(events.begin(), events.end(),
                        [](auto& e) { return e.status == "SuspendedEV"; }) == 1409);
    CHECK(events.front().dataMs == 1619901767000);
    CHECK(std::is_sorted(events.begin(), events.end(),
                         [](auto& a, auto& b) { return a.dataMs < b.dataMs; }));
}

TEST_CASE("replay: time-compressed, looping, into the store", "[data][replay]") {
    const auto dir = pt::test::sharedDataOrSkip() / "telemetry";
    auto room = loadUciOccupancy(dir / "uci-occupancy/datatest.txt");
    auto sessions = loadAcnSessions(dir / "acn-ev/acndata_sessions.json");
    REQUIRE((room.ok() && sessions.ok()));
    Replay replay(std::move(*room), std::move(*sessions),
                  ReplayOptions{.units = {{"gm/A1/F1/U101", 20}, {"gm/A1/F1/U102", 30}},
                                .speed = 3600 * 24});  // a day a second
    TelemetryStore store;
    ManualClock clock(1'700'000'000'000);
    Ingestor ingest(store, clock);
    std::vector<Sample> out;
    for (int i = 0; i <= 200; ++i) {  // 200 s = 200 days: the 136-day ACN span loops once
        replay.advance(clock.nowMs(), out);
        ingest.queue().push(out);
        out.clear();
        ingest.drain();
        clock.advance(1000);
    }
    CHECK(ingest.stats().rejectedTotal() == 0);
    CHECK(replay.loopsCompleted() == 1);
    CHECK(replay.chargerCount() == 42);
    CHECK(store.find("gm/ev/P1/C42") != kNoEntity);
    CHECK(store.find("gm/ev/P1/C43") == kNoEntity);
    const auto s = store.latest(store.find("gm/ev/P1/C01"), Channel::Status);
    REQUIRE(s);
    CHECK(isValidEnumValue(Channel::Status, std::get<std::string>(s->value)));
    CHECK(store.latest(store.find("gm/A1/F1/U102"), Channel::Co2));
}

TEST_CASE("simulator: deterministic in the seed, plausible values", "[data][simulator]") {
    auto run = [](uint64_t seed) {
        Simulator sim(makeDemoSimPark(7, 2, 3, 4), SimOptions{.seed = seed, .speed = 60});
        std::vector<Sample> out;
        for (int64_t t = 0; t <= 600'000; t += 500)
            sim.advance(1'735'660'800'000 + t, out);  // 10 h
        return out;
    };
    const auto a = run(1), b = run(1), c = run(2);
    REQUIRE(a.size() == b.size());
    bool same = true;
    for (size_t i = 0; i < a.size(); ++i) {
        same = same && a[i].entity == b[i].entity && a[i].value == b[i].value &&
               a[i].tsMs == b[i].tsMs;
    }
    CHECK(same);
    bool differs = a.size() != c.size();
    for (size_t i = 0; !differs && i < a.size(); ++i)
        differs = !(a[i].value == c[i].value);
    CHECK(differs);

    TelemetryStore store;
    ManualClock clock(1'735'660'800'000 + 600'000);
    Ingestor ingest(store, clock);
    std::vector<Sample> copy = a;
    ingest.queue().push(copy);
    ingest.drain();
    CHECK(ingest.stats().rejectedTotal() == 0);  // in order, typed, valid ids
    int states = 0, poses = 0;
    for (const Sample& s : a) {
        if (s.channel == Channel::State) ++states;
        if (s.channel == Channel::Pose) ++poses;
        if (s.channel == Channel::Status)
            CHECK(isValidEnumValue(Channel::Status, std::get<std::string>(s.value)));
    }
    CHECK(states > 10);  // drones flew missions
    CHECK(poses > 100);
}

TEST_CASE("simulator: daily profile has a working day and a night base load", "[data][simulator]") {
    SimPark park;
    park.units.push_back(SimUnit{.id = "gm/A1/F1/U1", .capacity = 100, .peakKw = 100});
    Simulator sim(park, SimOptions{.seed = 3, .speed = 3600});
    TelemetryStore store;
    registerSimPark(park, store);
    const EntityKey unit = store.find("gm/A1/F1/U1");
    // 2025-01-06 (Monday) 00:00 +08:00 = 1736092800000 UTC ms
    const int64_t start = 1736092800000;
    std::vector<Sample> out;
    for (int64_t t = 0; t <= 24 * 1000; t += 100) {  // 24 s at 3600x = one simulated day
        out.clear();
        sim.advance(start + t, out);
        for (const Sample& s : out)
            REQUIRE(store.apply(unit, s.channel, s.value, sim.simTimeMs()));
    }
    const auto at = [&](double hour) {
        return *store.numberAt(unit, Channel::Occupancy, start + int64_t(hour * 3.6e6));
    };
    CHECK(at(3) == 0);
    CHECK(at(10) > 60);
    CHECK(at(12.5) < at(10));                                                       // lunch dip
    CHECK(*store.numberAt(unit, Channel::Power, start + int64_t(3 * 3.6e6)) > 10);  // base load
    CHECK(*store.vacancy(store.find("gm")).rate() == 0);
}

TEST_CASE("simulator: drones keep their real pace while the day runs faster",
          "[data][simulator][drones]") {
    // Fastest apparent drone speed between consecutive pose reports (stamped with the clock),
    // and how many drone moves there were, over ten clock minutes.
    auto fly = [](SimOptions options) {
        Simulator sim(makeDemoSimPark(7, 2, 3, 4), options);
        const int64_t start = 1'735'689'600'000 + 9 * 3'600'000;  // 09:00 UTC
        std::map<std::string, std::pair<int64_t, glm::vec3>> last;
        double fastest = 0;
        int moves = 0;
        std::vector<Sample> out;
        for (int64_t t = 0; t <= 600'000; t += 100) {
            out.clear();
            sim.advance(start + t, out);
            for (const Sample& s : out) {
                if (s.channel != Channel::Pose) continue;
                const Pose p = std::get<Pose>(s.value);
                const glm::vec3 pos(float(p.x), float(p.y), float(p.z));
                if (const auto it = last.find(s.entity);
                    it != last.end() && s.tsMs > it->second.first) {
                    const float metres = glm::distance(pos, it->second.second);
                    if (metres > 0.5f) ++moves;
                    fastest =
                        std::max(fastest, metres * 1000.0 / double(s.tsMs - it->second.first));
                }
                last[s.entity] = {s.tsMs, pos};
            }
        }
        // The day still ran at `speed`: ten clock minutes are this many simulated hours.
        CHECK(double(sim.simTimeMs() - start) == Approx(600'000 * options.speed).epsilon(0.01));
        return std::pair(fastest, moves);
    };
    const auto [realPace, realMoves] = fly({.seed = 1, .speed = 60});
    CHECK(realMoves > 20);    // drones flew
    CHECK(realPace <= 12.5);  // metres per clock second: the cruise speed, 12 m/s
    const auto [fastPace, fastMoves] = fly({.seed = 1, .speed = 60, .droneSpeed = 60});
    CHECK(fastMoves > 20);
    CHECK(fastPace > 100);  // the same flights, sixty times as fast
}

TEST_CASE("simulator: the day can start at a chosen local time, stamped with the clock",
          "[data][simulator]") {
    SimPark park;
    for (int u = 0; u < 20; ++u)
        park.units.push_back(SimUnit{.id = "gm/A1/F1/U" + std::to_string(u + 1), .capacity = 50});
    // 2025-01-06 (a Monday) 02:00 +08:00: the factory is empty.
    const int64_t clock = 1736092800000 + 2 * 3'600'000;
    // People on site after one simulated minute (every unit reports once), and the stamps.
    auto people = [&](int startLocalMinute) {
        Simulator sim(
            park,
            SimOptions{
                .seed = 4, .speed = 1, .warmupMs = 60'000, .startLocalMinute = startLocalMinute});
        std::vector<Sample> out;
        sim.advance(clock, out);
        double total = 0;
        for (const Sample& s : out) {
            CHECK(s.tsMs <= clock);          // never in the future
            CHECK(s.tsMs > clock - 61'000);  // the warm-up's minute, before the clock's now
            if (s.channel == Channel::Occupancy) total += std::get<double>(s.value);
        }
        return std::pair(total, sim.simTimeMs());
    };
    const auto [night, nightSim] = people(-1);
    CHECK(night == 0);
    CHECK(nightSim == clock);
    const auto [morning, morningSim] = people(10 * 60);  // 10:00 local: a working morning
    CHECK(morning > 20 * 50 * 0.5);
    CHECK(morningSim == 1736092800000 + 10 * 3'600'000);  // today, 10:00 +08:00
}
