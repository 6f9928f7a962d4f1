// The EV charging scene's figures: OCPP statuses, sessions followed through the store (start,
// energy delivered, partial sessions), energy today, utilisation and fault KPIs.
#include <catch2/catch.hpp>

#include "twin/ev_charging.h"

using namespace pt;
using twin::OcppStatus;

namespace {

constexpr int64_t kMidnight = 1'764'086'400'000;  // 2026-11-26 00:00 in UTC+8
constexpr int64_t kMinute = 60'000;

struct Station {
    park::Portfolio portfolio;
    data::TelemetryStore store;
    Station() {
        const auto gm = *portfolio.addPark("gm", "", {});
        const auto ev = *portfolio.addZone(gm, "gm/ev/P1", "P1", {.shape = park::EvAreaShape{}});
        for (const char* id : {"gm/ev/P1/C01", "gm/ev/P1/C02", "gm/ev/P1/C03"})
            portfolio.addDevice(ev, id, id + 9, {.kind = park::DeviceKind::Charger}).value();
        portfolio.addDevice(gm, "gm/drone/D01", "", {.kind = park::DeviceKind::Drone}).value();
    }
    void put(const char* id, data::Channel c, data::Value v, int64_t t) {
        REQUIRE(store.apply(store.ensureEntity(id), c, std::move(v), t));
    }
};

}  // namespace

TEST_CASE("OCPP statuses parse, name and colour as the industry expects", "[ev]") {
    for (int i = 0; i < twin::kOcppStatusCount; ++i) {
        const auto s = OcppStatus(i);
        CHECK(twin::parseOcppStatus(twin::toString(s)) == s);
    }
    CHECK(twin::parseOcppStatus("charging") == OcppStatus::Unknown);  // case matters in OCPP
    CHECK(twin::ocppColor(OcppStatus::Available) == 0x2e9e44u);
    CHECK(twin::ocppColor(OcppStatus::Charging) == 0x1f6fd1u);
    CHECK(twin::ocppColor(OcppStatus::Faulted) == 0xd62828u);
    CHECK(twin::ocppColor(OcppStatus::SuspendedEV) == twin::ocppColor(OcppStatus::SuspendedEVSE));
    CHECK(twin::inSession(OcppStatus::SuspendedEVSE));
    CHECK_FALSE(twin::inSession(OcppStatus::Reserved));
    CHECK(twin::sessionStage(OcppStatus::Preparing) < twin::sessionStage(OcppStatus::Charging));
    CHECK(twin::sessionStage(OcppStatus::Charging) < twin::sessionStage(OcppStatus::Finishing));
}

TEST_CASE("a session is followed from Preparing: energy delivered since it began", "[ev]") {
    Station s;
    twin::EvSessions sessions(s.portfolio);
    REQUIRE(sessions.rows().size() == 3);  // chargers only, not the drone
    const int64_t t0 = kMidnight + 10 * 60 * kMinute;
    s.put("gm/ev/P1/C01", data::Channel::Energy, 1000.0, kMidnight + kMinute);  // today's start
    s.put("gm/ev/P1/C01", data::Channel::Status, std::string("Available"), t0 - 5 * kMinute);
    s.put("gm/ev/P1/C01", data::Channel::Energy, 1040.0, t0 - 2 * kMinute);
    sessions.update(s.store, t0 - kMinute);
    CHECK(sessions.rows()[0].status == OcppStatus::Available);
    CHECK_FALSE(sessions.rows()[0].sessionStartMs);

    s.put("gm/ev/P1/C01", data::Channel::Status, std::string("Preparing"), t0);
    sessions.update(s.store, t0);
    s.put("gm/ev/P1/C01", data::Channel::Status, std::string("Charging"), t0 + kMinute);
    s.put("gm/ev/P1/C01", data::Channel::Power, 21.5, t0 + kMinute);
    s.put("gm/ev/P1/C01", data::Channel::Energy, 1052.5, t0 + 30 * kMinute);
    sessions.update(s.store, t0 + 30 * kMinute);
    const twin::ChargerRow& row = sessions.rows()[0];
    CHECK(row.status == OcppStatus::Charging);
    REQUIRE(row.sessionStartMs);
    CHECK(*row.sessionStartMs == t0);  // began at Preparing, not at Charging
    CHECK_FALSE(row.sessionPartial);
    CHECK(row.sessionKWh == Approx(12.5));
    CHECK(row.powerKw == Approx(21.5));
    CHECK(row.energyTodayKWh == Approx(52.5));
    CHECK(sessions.find(row.entity) == &row);

    // Finished: the session is over, today's energy stays.
    s.put("gm/ev/P1/C01", data::Channel::Status, std::string("Available"), t0 + 31 * kMinute);
    sessions.update(s.store, t0 + 31 * kMinute);
    CHECK_FALSE(sessions.rows()[0].sessionStartMs);
    CHECK(sessions.rows()[0].sessionKWh == 0.0);
    CHECK(sessions.rows()[0].energyTodayKWh == Approx(52.5));
}

TEST_CASE("a session seen first mid-way starts at its first status sample in the history", "[ev]") {
    Station s;
    twin::EvSessions sessions(s.portfolio);
    const int64_t t0 = kMidnight + 9 * 60 * kMinute;
    // Chargers repeat their status every minute with their meter values.
    s.put("gm/ev/P1/C03", data::Channel::Status, std::string("Available"), t0 - 30 * kMinute);
    s.put("gm/ev/P1/C03", data::Channel::Energy, 500.0, t0 - 30 * kMinute);
    s.put("gm/ev/P1/C03", data::Channel::Status, std::string("Preparing"), t0 - 29 * kMinute);
    s.put("gm/ev/P1/C03", data::Channel::Energy, 500.0, t0 - 29 * kMinute);
    for (int m = 28; m >= 0; --m) {
        s.put("gm/ev/P1/C03", data::Channel::Status, std::string("Charging"), t0 - m * kMinute);
        s.put("gm/ev/P1/C03", data::Channel::Energy, 500.0 + 0.25 * (29 - m), t0 - m * kMinute);
    }
    sessions.update(s.store, t0);
    const twin::ChargerRow& row = sessions.rows()[2];
    REQUIRE(row.sessionStartMs);
    CHECK(*row.sessionStartMs == t0 - 29 * kMinute);  // the first Preparing sample
    CHECK_FALSE(row.sessionPartial);
    CHECK(row.sessionKWh == Approx(0.25 * 29));
}

TEST_CASE("a session already running when the history begins counts from then, marked partial",
          "[ev]") {
    Station s;
    twin::EvSessions sessions(s.portfolio);
    const int64_t t0 = kMidnight + 9 * 60 * kMinute;
    s.put("gm/ev/P1/C02", data::Channel::Status, std::string("Charging"), t0 - 40 * kMinute);
    s.put("gm/ev/P1/C02", data::Channel::Energy, 300.0, t0);
    sessions.update(s.store, t0);
    s.put("gm/ev/P1/C02", data::Channel::Energy, 307.0, t0 + 20 * kMinute);
    sessions.update(s.store, t0 + 20 * kMinute);
    const twin::ChargerRow& row = sessions.rows()[1];
    REQUIRE(row.sessionStartMs);
    CHECK(row.sessionPartial);
    CHECK(row.sessionKWh == Approx(7.0));
    // A status older than the staleness window marks the row stale.
    sessions.update(s.store, t0 + 60 * kMinute, 8 * 60, 10 * kMinute);
    CHECK(sessions.rows()[1].stale);
    CHECK(sessions.rows()[2].status == OcppStatus::Unknown);  // never reported
    CHECK(sessions.rows()[2].stale);
}

TEST_CASE("utilisation counts sessions over chargers in service, faults over all", "[ev]") {
    std::vector<twin::ChargerRow> rows;
    auto add = [&](OcppStatus s, double kw, double today, double session = 0) {
        rows.push_back(
            {.status = s, .powerKw = kw, .sessionKWh = session, .energyTodayKWh = today});
    };
    add(OcppStatus::Charging, 22, 40, 10);
    add(OcppStatus::SuspendedEV, 0, 15, 12);
    add(OcppStatus::Preparing, 0, 0, 0);
    add(OcppStatus::Available, 0, 30);
    add(OcppStatus::Reserved, 0, 0);
    add(OcppStatus::Faulted, 0, 5);
    add(OcppStatus::Unavailable, 0, 0);
    add(OcppStatus::Charging, 11, 8, 3);
    const twin::EvSummary e = twin::summariseChargers(rows);
    CHECK(e.total == 8);
    CHECK(e.inSession == 4);
    CHECK(e.charging == 2);
    CHECK(e.faulted == 1);
    CHECK(e.unavailable == 1);
    CHECK(e.available == 1);
    CHECK(e.reserved == 1);
    CHECK(e.utilisation == Approx(4.0 / 6.0));  // 8 minus faulted and unavailable in service
    CHECK(e.faultRate == Approx(1.0 / 8.0));
    CHECK(e.powerKw == Approx(33));
    CHECK(e.energyTodayKWh == Approx(98));
    CHECK(e.sessionKWh == Approx(25));
    CHECK(e.byStatus[size_t(OcppStatus::Charging)] == 2);
    const twin::EvSummary none = twin::summariseChargers({});
    CHECK(none.utilisation == 0.0);
    CHECK(none.faultRate == 0.0);
}
