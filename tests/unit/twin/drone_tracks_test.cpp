#include <cmath>

#include <catch2/catch.hpp>
#include <glm/geometric.hpp>

#include "twin/drone_tracks.h"

using namespace pt;
using twin::DroneTrack;
using twin::PoseSample;

namespace {

constexpr int64_t kDelay = 1000;

float pathLength(const std::vector<glm::vec3>& points) {
    float length = 0;
    for (size_t i = 1; i < points.size(); ++i)
        length += glm::length(points[i] - points[i - 1]);
    return length;
}

}  // namespace

TEST_CASE("the track passes through its samples", "[drones]") {
    DroneTrack track;
    for (int i = 0; i <= 8; ++i) {
        const float a = 0.4f * float(i);
        REQUIRE(track.addSample({.tsMs = 500 * i,
                                 .position = {50 * std::cos(a), 30 + float(i), 50 * std::sin(a)},
                                 .headingDeg = 40.0f * float(i)}));
    }
    for (const PoseSample& s : track.samples()) {
        const auto pose = track.poseAt(s.tsMs + kDelay);
        REQUIRE(pose);
        CHECK(glm::length(pose->position - s.position) < 1e-4f);
        CHECK(pose->headingDeg == Approx(std::fmod(s.headingDeg, 360.0f)));
        CHECK_FALSE(pose->extrapolated);
    }
    // Between samples the curve is smooth: close to the circle, not to the chord.
    const auto mid = track.poseAt(250 + 500 * 3 + kDelay);
    const float radius = std::hypot(mid->position.x, mid->position.z);
    CHECK(radius == Approx(50).margin(0.1));
    CHECK_FALSE(track.addSample({.tsMs = 500 * 8}));  // not newer: ignored
    CHECK(DroneTrack().poseAt(0) == std::nullopt);
}

TEST_CASE("heading turns the short way round", "[drones]") {
    DroneTrack track;
    track.addSample({.tsMs = 0, .headingDeg = 350});
    track.addSample({.tsMs = 1000, .headingDeg = 10});
    CHECK(track.poseAt(250 + kDelay)->headingDeg == Approx(355));
    const float mid = track.poseAt(500 + kDelay)->headingDeg;
    CHECK((mid == Approx(0).margin(1e-3) || mid == Approx(360).margin(1e-3)));
    CHECK(track.poseAt(750 + kDelay)->headingDeg == Approx(5));
    CHECK(twin::headingDelta(10, 350) == Approx(-20));
    CHECK(twin::headingDelta(350, 10) == Approx(20));
    CHECK(twin::headingDelta(0, 180) == Approx(180));
}

TEST_CASE("no overshoot when a straight flight stops to hover", "[drones]") {
    DroneTrack track;
    const float xs[] = {0, 10, 10, 10, 20, 40};
    for (int i = 0; i < 6; ++i)
        track.addSample({.tsMs = 1000 * i, .position = {xs[i], 20, 5}});
    float previous = 0;
    for (int64_t t = 0; t <= 5000; t += 20) {
        const glm::vec3 p = track.poseAt(t + kDelay)->position;
        CHECK(p.y == Approx(20));
        CHECK(p.z == Approx(5));
        CHECK(p.x >= previous - 1e-4f);                                     // never flies backwards
        if (t >= 1000 && t <= 3000) CHECK(p.x == Approx(10).margin(1e-4));  // hovering
        previous = p.x;
    }
}

TEST_CASE("the trail covers the last N seconds", "[drones]") {
    twin::DroneTrackOptions options;
    options.trailMs = 30'000;
    DroneTrack track(options);
    for (int64_t t = 0; t <= 60'000; t += 200)
        track.addSample({.tsMs = t, .position = {5.0f * float(t) / 1000.0f, 30, 0}});
    const int64_t now = 60'000 + kDelay;
    const auto trail = track.trail(now);
    REQUIRE(trail.size() > 100);
    CHECK(pathLength(trail) == Approx(5 * 30).margin(0.01));
    CHECK(trail.front().x == Approx(5 * 30));
    CHECK(trail.back().x == Approx(5 * 60));
    // History is pruned to what the trail can reach.
    CHECK(track.samples().front().tsMs >= 60'000 - 30'000 - kDelay - 200);
    // Half a minute of history only: the trail starts at the first sample.
    DroneTrack young(options);
    for (int64_t t = 0; t <= 10'000; t += 200)
        young.addSample({.tsMs = t, .position = {float(t) / 1000.0f, 0, 0}});
    CHECK(pathLength(young.trail(10'000 + kDelay)) == Approx(10).margin(0.01));
}

TEST_CASE("extrapolation is capped and the drone goes stale after a gap", "[drones]") {
    DroneTrack track;  // maxExtrapolationMs 2000
    track.addSample({.tsMs = 0, .position = {0, 10, 0}, .headingDeg = 90});
    track.addSample({.tsMs = 1000, .position = {4, 10, 0}, .headingDeg = 90});  // 4 m/s along x
    const auto live = track.poseAt(1000 + kDelay);
    CHECK_FALSE(live->extrapolated);
    CHECK_FALSE(live->stale);
    const auto ahead = track.poseAt(1000 + kDelay + 1000);
    CHECK(ahead->extrapolated);
    CHECK_FALSE(ahead->stale);
    CHECK(ahead->position.x == Approx(8));
    const auto lost = track.poseAt(1000 + kDelay + 5000);
    CHECK(lost->stale);
    CHECK(lost->position.x == Approx(12));  // held at the 2 s cap
    CHECK(track.poseAt(1000 + kDelay + 60'000)->position.x == Approx(12));
    CHECK(lost->headingDeg == Approx(90));
    // New data makes it live again.
    track.addSample({.tsMs = 7000, .position = {12, 10, 0}});
    CHECK_FALSE(track.poseAt(7000 + kDelay)->stale);
}

TEST_CASE("tracks are fed from the telemetry store in scene coordinates", "[drones]") {
    park::Portfolio portfolio;
    const auto parkIndex = *portfolio.addPark("gm", "", {.scenePosition = {1000, 0, 0}});
    portfolio.addDevice(parkIndex, "gm/drone/D04", "", {.kind = park::DeviceKind::Drone}).value();
    portfolio.addDevice(parkIndex, "gm/drone/D05", "", {.kind = park::DeviceKind::Drone}).value();
    data::TelemetryStore store;
    const auto key = store.ensureEntity("gm/drone/D04");
    store.apply(key, data::Channel::Pose, data::Pose{1, 2, 3, 45}, 1000);
    twin::DroneTracks tracks;
    CHECK(tracks.update(portfolio, store) == 1);
    CHECK(tracks.update(portfolio, store) == 0);  // same sample again
    store.apply(key, data::Channel::Pose, data::Pose{2, 2, 3, 45}, 2000);
    CHECK(tracks.update(portfolio, store) == 1);
    const DroneTrack* track = tracks.find("gm/drone/D04");
    REQUIRE(track);
    CHECK(track->samples().size() == 2);
    CHECK(track->samples().back().position == glm::vec3(1002, 3, -2));  // z-up -> y-up, north -Z
    CHECK(tracks.find("gm/drone/D05") == nullptr);
}
