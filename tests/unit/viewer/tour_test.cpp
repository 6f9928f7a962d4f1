#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "test_paths.h"
#include "viewer/tour.h"

using namespace pt::viewer;
using nlohmann::json;

namespace {

TourKeyframe keyframe(glm::vec3 eye, glm::vec3 target, float dwell, float travel,
                      std::vector<Command> actions = {}, float fov = 45.0f) {
    TourKeyframe k;
    k.camera = TourCamera{eye, target, fov};
    k.dwellSeconds = dwell;
    k.travelSeconds = travel;
    k.caption = "caption " + std::to_string(int(eye.x));
    k.captionZh = "说明 " + std::to_string(int(eye.x));
    k.actions = std::move(actions);
    return k;
}

// A bent path (so the spline is really curved) with different dwells, travels and FOVs.
Tour sampleTour(bool loop) {
    Tour t;
    t.name = "sample";
    t.title = "Sample";
    t.loop = loop;
    t.keyframes = {
        keyframe({0, 100, 200}, {0, 0, 0}, 2.0f, 4.0f, {SelectCommand{"a"}}, 45.0f),
        keyframe({150, 60, 50}, {100, 10, 0}, 1.0f, 5.0f, {LayerCommand{"power"}}, 30.0f),
        keyframe({100, 40, -150}, {50, 20, -60}, 0.5f, 3.0f,
                 {FloorModeCommand{"cutaway"}, SelectCommand{"b"}}, 60.0f),
        keyframe({-120, 80, -50}, {-20, 5, -10}, 3.0f, 6.0f, {TimeOfDayCommand{"19:30"}}, 45.0f),
    };
    return t;
}

std::string actionName(const Command& c) {
    return commandToJson(c).dump();
}

std::vector<std::string> names(const std::vector<Command>& commands) {
    std::vector<std::string> out;
    for (const Command& c : commands)
        out.push_back(actionName(c));
    return out;
}

std::vector<std::string> tourActionNames(const Tour& tour, int laps = 1) {
    std::vector<std::string> out;
    for (int lap = 0; lap < laps; ++lap)
        for (const TourKeyframe& k : tour.keyframes)
            for (const Command& c : k.actions)
                out.push_back(actionName(c));
    return out;
}

bool sameCamera(const TourCamera& a, const TourCamera& b) {
    return a.eye == b.eye && a.target == b.target && a.fovYDegrees == b.fovYDegrees;
}

float distance(const TourCamera& a, const TourCamera& b) {
    return glm::length(a.eye - b.eye);
}

std::string parseError(const std::string& text) {
    auto result = parseTour(text, "t.json");
    REQUIRE_FALSE(result.ok());
    return result.error().message;
}

}  // namespace

TEST_CASE("Tour: the camera is exactly each keyframe's from arrival to departure", "[tour]") {
    for (bool loop : {false, true}) {
        const Tour tour = sampleTour(loop);
        TourPlayer player;
        player.start(tour);
        for (std::size_t i = 0; i < tour.keyframes.size(); ++i) {
            INFO("loop " << loop << " keyframe " << i);
            const float arrival = player.arrivalTime(i);
            CHECK(sameCamera(player.cameraAt(arrival), tour.keyframes[i].camera));
            CHECK(sameCamera(player.cameraAt(arrival + tour.keyframes[i].dwellSeconds * 0.5f),
                             tour.keyframes[i].camera));
            // The same through update(): seek there and take a frame.
            player.seek(arrival);
            const TourFrame frame = player.update(0.0f);
            CHECK(sameCamera(frame.camera, tour.keyframes[i].camera));
            CHECK(frame.keyframe == i);
            CHECK(frame.dwelling);
            CHECK(frame.caption == tour.keyframes[i].caption);
            CHECK(frame.captionZh == tour.keyframes[i].captionZh);
        }
        // Arrival times are the sums of the dwells and travels before them.
        CHECK(player.arrivalTime(1) == Approx(2.0f + 5.0f));
        CHECK(player.arrivalTime(2) == Approx(7.0f + 1.0f + 3.0f));
        CHECK(player.arrivalTime(3) == Approx(11.0f + 0.5f + 6.0f));
        CHECK(player.totalDuration() == Approx(loop ? 17.5f + 3.0f + 4.0f : 17.5f + 3.0f));
    }
}

TEST_CASE("Tour: the path is continuous and its speed changes smoothly", "[tour]") {
    for (bool loop : {false, true}) {
        INFO("loop " << loop);
        TourPlayer player;
        player.start(sampleTour(loop));
        const float dt = 1.0f / 240.0f;
        TourCamera previous = player.update(0.0f).camera;
        float previousStep = 0.0f, maxStep = 0.0f, maxStepChange = 0.0f, maxFovStep = 0.0f;
        float maxTargetStep = 0.0f;
        const int steps = int(player.totalDuration() * 2.0f / dt);  // two laps when looping
        for (int s = 0; s < steps; ++s) {
            const TourCamera camera = player.update(dt).camera;
            const float step = distance(camera, previous);
            maxStep = std::max(maxStep, step);
            maxStepChange = std::max(maxStepChange, std::abs(step - previousStep));
            maxTargetStep = std::max(maxTargetStep, glm::length(camera.target - previous.target));
            maxFovStep = std::max(maxFovStep, std::abs(camera.fovYDegrees - previous.fovYDegrees));
            previousStep = step;
            previous = camera;
        }
        // Longest flight: ~250 m in 4-6 s, smootherstep peaks at 1.875x the mean speed, so about
        // 130 m/s = 0.55 m per 1/240 s. A jump (teleport, wrap glitch) would be tens of metres.
        CHECK(maxStep > 0.05f);  // it did move
        CHECK(maxStep < 0.8f);
        CHECK(maxTargetStep < 0.8f);
        CHECK(maxFovStep < 0.1f);
        // Speed continuity: consecutive steps differ by little (acceleration bounded).
        CHECK(maxStepChange < 0.01f);
    }
}

TEST_CASE("Tour: the camera slows to a stop into and out of every dwell", "[tour]") {
    const Tour tour = sampleTour(true);
    TourPlayer player;
    player.start(tour);
    const float h = 1.0f / 120.0f;
    for (std::size_t j = 0; j < tour.keyframes.size(); ++j) {
        INFO("keyframe " << j);
        const std::size_t next = (j + 1) % tour.keyframes.size();
        const float arrival = player.arrivalTime(j) + (j == 0 ? player.totalDuration() : 0.0f);
        const float departure = player.arrivalTime(j) + tour.keyframes[j].dwellSeconds;
        const float middle = departure + tour.keyframes[next].travelSeconds * 0.5f;
        const float midSpeed = distance(player.cameraAt(middle + h), player.cameraAt(middle)) / h;
        const float arriveSpeed =
            distance(player.cameraAt(arrival), player.cameraAt(arrival - h)) / h;
        const float leaveSpeed =
            distance(player.cameraAt(departure + h), player.cameraAt(departure)) / h;
        CHECK(midSpeed > 10.0f);
        CHECK(arriveSpeed < midSpeed * 0.001f);
        CHECK(leaveSpeed < midSpeed * 0.001f);
    }
}

TEST_CASE("Tour: actions fire once each, in order, whatever the step size", "[tour]") {
    const Tour tour = sampleTour(false);
    const auto expected = tourActionNames(tour);
    REQUIRE(expected.size() == 5);

    SECTION("small steps") {
        TourPlayer player;
        player.start(tour);
        std::vector<std::string> fired;
        bool finished = false;
        int finishedFrames = 0;
        for (int s = 0; s < 3000; ++s) {
            const TourFrame frame = player.update(1.0f / 100.0f);
            for (const auto& n : names(frame.firedActions))
                fired.push_back(n);
            finishedFrames += frame.finished;
            finished = frame.finished;
        }
        CHECK(fired == expected);
        CHECK(finished);
        CHECK(finishedFrames > 0);
        CHECK_FALSE(player.playing());
    }
    SECTION("the first update fires keyframe 0, then nothing until the next arrival") {
        TourPlayer player;
        player.start(tour);
        CHECK(names(player.update(0.0f).firedActions) == std::vector<std::string>{expected[0]});
        CHECK(player.update(0.0f).firedActions.empty());
        CHECK(player.update(6.9f).firedActions.empty());
        CHECK(names(player.update(0.2f).firedActions) == std::vector<std::string>{expected[1]});
    }
    SECTION("one large step skipping several keyframes") {
        TourPlayer player;
        player.start(tour);
        (void)player.update(0.5f);                     // keyframe 0 fires here
        const TourFrame frame = player.update(12.0f);  // passes keyframes 1 and 2
        CHECK(names(frame.firedActions) ==
              std::vector<std::string>{expected[1], expected[2], expected[3]});
        CHECK_FALSE(frame.finished);
        const TourFrame end = player.update(1000.0f);
        CHECK(names(end.firedActions) == std::vector<std::string>{expected[4]});
        CHECK(end.finished);
        CHECK(sameCamera(end.camera, tour.keyframes.back().camera));
        CHECK(player.update(1000.0f).firedActions.empty());
    }
    SECTION("an arrival exactly on a frame boundary fires once") {
        TourPlayer player;
        player.start(tour);
        (void)player.update(0.0f);
        CHECK(player.update(7.0f).firedActions.size() == 1);  // exactly the arrival of keyframe 1
        CHECK(player.update(0.0f).firedActions.empty());
    }
}

TEST_CASE("Tour: a looping tour wraps seamlessly and keeps firing", "[tour]") {
    const Tour tour = sampleTour(true);
    TourPlayer player;
    player.start(tour);
    const float lap = player.totalDuration();

    SECTION("the flight back ends exactly at keyframe 0, with no jump") {
        CHECK(distance(player.cameraAt(lap - 1e-3f), player.cameraAt(0.0f)) < 1e-3f);
        CHECK(sameCamera(player.cameraAt(lap), tour.keyframes[0].camera));
        CHECK(sameCamera(player.cameraAt(lap + player.arrivalTime(2)), tour.keyframes[2].camera));
        // Halfway back it is somewhere between, not at either end.
        const float back = lap - tour.keyframes[0].travelSeconds * 0.5f;
        CHECK(distance(player.cameraAt(back), tour.keyframes[0].camera) > 20.0f);
        CHECK(distance(player.cameraAt(back), tour.keyframes[3].camera) > 20.0f);
    }
    SECTION("three laps in small steps fire every action three times, in order") {
        std::vector<std::string> fired;
        for (int s = 0; s < int((lap * 3.0f - 0.5f) * 60.0f); ++s) {  // ends before lap 4
            const TourFrame frame = player.update(1.0f / 60.0f);
            CHECK_FALSE(frame.finished);
            for (const auto& n : names(frame.firedActions))
                fired.push_back(n);
        }
        CHECK(fired == tourActionNames(tour, 3));
        CHECK(player.time() < lap);  // the clock wraps instead of growing without bound
        CHECK(player.playing());
    }
    SECTION("a step longer than a lap fires one lap of arrivals, in timeline order") {
        (void)player.update(0.0f);
        (void)player.update(8.0f);                                 // now just past keyframe 1
        const TourFrame frame = player.update(lap * 2.0f + 1.0f);  // ends 1 s later in the lap
        // The last lap before the new time starts just after t = 9 s: keyframes 2, 3, 0, 1.
        const auto all = tourActionNames(tour);
        CHECK(names(frame.firedActions) ==
              std::vector<std::string>{all[2], all[3], all[4], all[0], all[1]});
        CHECK(player.time() == Approx(9.0f));
    }
}

TEST_CASE("Tour: seek moves the timeline and re-arms the arrivals after it", "[tour]") {
    const Tour tour = sampleTour(false);
    const auto all = tourActionNames(tour);
    TourPlayer player;
    player.start(tour);
    (void)player.update(0.0f);

    player.seekToKeyframe(2);
    CHECK(player.time() == Approx(player.arrivalTime(2)));
    TourFrame frame = player.update(0.0f);
    CHECK(names(frame.firedActions) == std::vector<std::string>{all[2], all[3]});
    CHECK(sameCamera(frame.camera, tour.keyframes[2].camera));

    player.seek(9.0f);  // mid-flight into keyframe 2
    frame = player.update(0.0f);
    CHECK(frame.firedActions.empty());
    CHECK(sameCamera(frame.camera, player.cameraAt(9.0f)));
    CHECK_FALSE(frame.dwelling);
    CHECK(frame.keyframe == 2);
    CHECK(frame.caption == tour.keyframes[2].caption);  // the caption of where it is heading
    CHECK(names(player.update(2.0f).firedActions) == std::vector<std::string>{all[2], all[3]});

    player.seek(-5.0f);
    CHECK(player.time() == 0.0f);
    player.seek(1e6f);
    CHECK(player.time() == Approx(player.totalDuration()));
    CHECK(player.update(0.0f).finished);
    player.seek(1.0f);
    CHECK(player.playing());
    CHECK_FALSE(player.update(0.0f).finished);

    TourPlayer looping;
    looping.start(sampleTour(true));
    looping.seek(looping.totalDuration() * 2.0f + 3.0f);
    CHECK(looping.time() == Approx(3.0f));
}

TEST_CASE("Tour: stop, empty tours and instant cuts", "[tour]") {
    TourPlayer player;
    CHECK(player.update(1.0f).finished);
    player.start(Tour{});
    CHECK_FALSE(player.active());
    CHECK(player.update(1.0f).finished);

    player.start(sampleTour(true));
    CHECK(player.update(0.0f).firedActions.size() == 1);
    player.stop();
    const TourFrame stopped = player.update(5.0f);
    CHECK(stopped.finished);
    CHECK(stopped.firedActions.empty());
    CHECK_FALSE(player.active());

    // travelSeconds 0: a cut; the camera is at the next keyframe right when the dwell ends.
    Tour cut = sampleTour(false);
    cut.keyframes[1].travelSeconds = 0.0f;
    player.start(cut);
    CHECK(sameCamera(player.cameraAt(1.999f), cut.keyframes[0].camera));
    CHECK(sameCamera(player.cameraAt(2.0f), cut.keyframes[1].camera));

    // Bad values from code (not files) are clamped, never NaN.
    Tour bad = sampleTour(false);
    bad.keyframes[1].travelSeconds = -4.0f;
    bad.keyframes[2].dwellSeconds = std::nanf("");
    player.start(bad);
    CHECK(player.totalDuration() == Approx(2.0f + 1.0f + 3.0f + 6.0f + 3.0f));
    CHECK(std::isfinite(player.cameraAt(5.0f).eye.x));
}

TEST_CASE("Tour files: errors name the file, the keyframe and the field", "[tour]") {
    const std::string kf = R"({"eye": [0, 50, 100], "target": [0, 0, 0]})";
    auto tour = [&](const std::string& keyframes, const std::string& extra = "") {
        return R"({"name": "t", )" + extra + R"("keyframes": [)" + keyframes + "]}";
    };
    CHECK(parseTour(tour(kf), "t.json").ok());
    CHECK(parseError("{").rfind("t.json: not valid JSON: ", 0) == 0);
    CHECK(parseError("[]") == "t.json: expected a JSON object");
    CHECK(parseError(R"({"keyframes": []})") == "t.json: missing \"name\"");
    CHECK(parseError(R"({"name": 3, "keyframes": []})") ==
          "t.json: \"name\" must be a non-empty string");
    CHECK(parseError(R"({"name": "t"})") == "t.json: missing \"keyframes\"");
    CHECK(parseError(R"({"name": "t", "keyframes": []})") ==
          "t.json: \"keyframes\" must be a non-empty array");
    CHECK(parseError(tour(kf, R"("loop": "yes", )")) == "t.json: \"loop\" must be true or false");
    CHECK(parseError(tour(kf, R"("version": 2, )")) ==
          "t.json: unsupported \"version\" 2 (expected 1)");
    CHECK(parseError(tour(kf, R"("keyframe": [], )")) ==
          "t.json: unknown field \"keyframe\" (expected format, version, name, title, loop, "
          "keyframes)");
    CHECK(parseError(tour(kf + R"(, {"target": [0, 0, 0]})")) ==
          "t.json: keyframe 1: missing \"eye\"");
    CHECK(parseError(tour(kf + R"(, {"eye": [1, 2], "target": [0, 0, 0]})")) ==
          "t.json: keyframe 1: \"eye\" must be an array of 3 numbers");
    CHECK(parseError(tour(R"({"eye": [1, 2, 3], "target": [0, "0", 0]})")) ==
          "t.json: keyframe 0: \"target\" must be an array of 3 numbers");
    CHECK(parseError(tour(R"({"eye": [1, 2, 3], "target": [1, 2, 3]})")) ==
          "t.json: keyframe 0: \"eye\" and \"target\" must differ");
    CHECK(parseError(tour(kf + "," + kf + R"(, {"eye": [1, 2, 3], "target": [0, 0, 0],
                                               "dwellSeconds": "4"})")) ==
          "t.json: keyframe 2: \"dwellSeconds\" must be a number");
    CHECK(parseError(tour(R"({"eye": [1, 2, 3], "target": [0, 0, 0], "travelSeconds": -1})")) ==
          "t.json: keyframe 0: \"travelSeconds\" must be between 0 and 3600, got -1");
    CHECK(parseError(tour(R"({"eye": [1, 2, 3], "target": [0, 0, 0], "fov": 170})")) ==
          "t.json: keyframe 0: \"fov\" must be between 5 and 120, got 170");
    CHECK(parseError(tour(R"({"eye": [1, 2, 3], "target": [0, 0, 0], "caption": 7})")) ==
          "t.json: keyframe 0: \"caption\" must be a string");
    CHECK(parseError(tour(R"({"eye": [1, 2, 3], "target": [0, 0, 0], "dwell": 7})")) ==
          "t.json: keyframe 0: unknown field \"dwell\" (expected eye, target, fov, dwellSeconds, "
          "travelSeconds, caption, captionZh, actions)");
    CHECK(parseError(tour(R"({"eye": [1, 2, 3], "target": [0, 0, 0], "actions": {}})")) ==
          "t.json: keyframe 0: \"actions\" must be an array of commands");
    CHECK(parseError(tour(kf + R"(, {"eye": [1, 2, 3], "target": [0, 0, 0], "actions": [
              {"type": "layer", "layer": "power"},
              {"type": "floorMode", "mode": "xray"}]})")) ==
          "t.json: keyframe 1: action 1: command: \"mode\" must be one of none, isolate, ghost, "
          "cutaway, explode, section, got \"xray\"");
    CHECK(parseError(tour(R"({"eye": [1, 2, 3], "target": [0, 0, 0], "dwellSeconds": 0,
                             "travelSeconds": 0})",
                          R"("loop": true, )")) ==
          "t.json: a looping tour must last longer than 0 seconds");

    auto missing = loadTour("/nonexistent/dir/x.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "/nonexistent/dir/x.json: cannot open the tour file");
}

TEST_CASE("Tour files: defaults, and save then load gives the same tour", "[tour]") {
    auto parsed = parseTour(
        R"({"name": "d", "keyframes": [{"eye": [1, 2, 3], "target": [0, 0, 0]}]})", "d.json");
    REQUIRE(parsed.ok());
    CHECK(parsed->title.empty());
    CHECK_FALSE(parsed->loop);
    CHECK(parsed->keyframes[0].camera.fovYDegrees == 45.0f);
    CHECK(parsed->keyframes[0].dwellSeconds == 3.0f);
    CHECK(parsed->keyframes[0].travelSeconds == 5.0f);
    CHECK(parsed->keyframes[0].actions.empty());

    Tour tour = sampleTour(true);
    tour.title = "演示 Demo";
    tour.keyframes[1].camera.eye = {0.1f, 1.0f / 3.0f, -1e-7f};  // floats without short forms
    tour.keyframes[2].dwellSeconds = 0.3f;
    tour.keyframes[3].actions.push_back(CameraCommand{{1, 2, 3}, {4, 5, 6}, 30.0f});
    const auto path = pt::test::scratchDir("tour") / "saved.json";
    REQUIRE(saveTour(tour, path).ok());
    auto loaded = loadTour(path);
    REQUIRE(loaded.ok());
    CHECK(loaded->name == tour.name);
    CHECK(loaded->title == tour.title);
    CHECK(loaded->loop == tour.loop);
    REQUIRE(loaded->keyframes.size() == tour.keyframes.size());
    for (std::size_t i = 0; i < tour.keyframes.size(); ++i) {
        INFO("keyframe " << i);
        const TourKeyframe& a = tour.keyframes[i];
        const TourKeyframe& b = loaded->keyframes[i];
        CHECK(sameCamera(a.camera, b.camera));
        CHECK(a.dwellSeconds == b.dwellSeconds);
        CHECK(a.travelSeconds == b.travelSeconds);
        CHECK(a.caption == b.caption);
        CHECK(a.captionZh == b.captionZh);
        CHECK(names(a.actions) == names(b.actions));
    }
    CHECK(tourToJson(*loaded) == tourToJson(tour));
    // Short decimals in the file, not float noise.
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("0.30000001") == std::string::npos);
    CHECK(text.find("0.3") != std::string::npos);

    CHECK_FALSE(saveTour(tour, "/nonexistent/dir/x.json").ok());
}

TEST_CASE("Tour recorder: appends the live camera with default timings", "[tour]") {
    TourRecorder recorder("walk", "My walk");
    recorder.addAction(LayerCommand{"power"});  // no keyframe yet: ignored
    CHECK(recorder.tour().keyframes.empty());

    const TourCamera a{{0, 50, 100}, {0, 0, 0}, 45.0f};
    const TourCamera b{{10, 50, 100}, {10, 0, 0}, 40.0f};    // 10 m away
    const TourCamera c{{510, 50, 100}, {510, 0, 0}, 40.0f};  // 500 m further
    CHECK(recorder.addKeyframe(a, "start", "开始") == 0);
    recorder.addAction(SelectCommand{"gm/A3"});
    CHECK(recorder.addKeyframe(b) == 1);
    CHECK(recorder.addKeyframe(c) == 2);
    recorder.addAction(LayerCommand{"occupancy"});

    const Tour& tour = recorder.tour();
    REQUIRE(tour.keyframes.size() == 3);
    CHECK(tour.name == "walk");
    CHECK(tour.title == "My walk");
    CHECK(sameCamera(tour.keyframes[2].camera, c));
    CHECK(tour.keyframes[0].caption == "start");
    CHECK(tour.keyframes[0].captionZh == "开始");
    for (const TourKeyframe& k : tour.keyframes)
        CHECK(k.dwellSeconds == TourRecorder::kDefaultDwell);
    CHECK(tour.keyframes[1].travelSeconds == TourRecorder::kMinTravel);  // short hop
    CHECK(tour.keyframes[2].travelSeconds == TourRecorder::kMaxTravel);  // 500 m: capped
    CHECK(TourRecorder::defaultTravelSeconds(a, TourCamera{{200, 50, 100}, {0, 0, 0}}) ==
          Approx(6.0f));  // 2 s + 200 m / 50 m/s
    // Keyframe 0's travel is the way back from the last (used when looping).
    CHECK(tour.keyframes[0].travelSeconds == TourRecorder::kMaxTravel);
    CHECK(names(tour.keyframes[0].actions) == names({SelectCommand{"gm/A3"}}));
    CHECK(tour.keyframes[1].actions.empty());
    CHECK(names(tour.keyframes[2].actions) == names({LayerCommand{"occupancy"}}));

    recorder.removeLast();
    CHECK(recorder.tour().keyframes.size() == 2);
    recorder.setLoop(true);
    const auto path = pt::test::scratchDir("tour_recorder") / "walk.json";
    REQUIRE(recorder.save(path).ok());
    auto loaded = loadTour(path);
    REQUIRE(loaded.ok());
    CHECK(loaded->loop);
    CHECK(tourToJson(*loaded) == tourToJson(recorder.tour()));
    TourPlayer player;
    player.start(*loaded);
    CHECK(sameCamera(player.cameraAt(player.arrivalTime(1)), b));
}

// --- The shipped tours --------------------------------------------------------------------------

namespace {

std::set<std::string> demoEntityIds() {
    const auto path = std::filesystem::path(PT_TEST_BINARY_DIR) / "assets/demo/manifest.json";
    INFO("demo manifest " << path << " (built by the demo_park target)");
    REQUIRE(std::filesystem::exists(path));
    std::ifstream in(path);
    const json manifest = json::parse(in);
    std::set<std::string> ids;
    for (const json& park : manifest.at("parks")) {
        ids.insert(park.at("id").get<std::string>());
        for (const json& building : park.value("buildings", json::array())) {
            ids.insert(building.at("id").get<std::string>());
            for (const json& floor : building.value("floors", json::array())) {
                ids.insert(floor.at("id").get<std::string>());
                for (const json& unit : floor.value("units", json::array()))
                    ids.insert(unit.at("id").get<std::string>());
            }
        }
        for (const json& zone : park.value("zones", json::array()))
            ids.insert(zone.at("id").get<std::string>());
        for (const json& device : park.value("devices", json::array()))
            ids.insert(device.at("id").get<std::string>());
    }
    return ids;
}

// World-space boxes of the demo buildings (footprint x height), for "never flies through one".
struct BuildingBox {
    std::string id;
    glm::vec3 min, max;
};

std::vector<BuildingBox> demoBuildingBoxes() {
    std::ifstream in(std::filesystem::path(PT_TEST_BINARY_DIR) / "assets/demo/manifest.json");
    REQUIRE(in);
    const json manifest = json::parse(in);
    std::vector<BuildingBox> boxes;
    for (const json& park : manifest.at("parks")) {
        const auto origin = park.value("scenePosition", std::vector<float>{0, 0, 0});
        for (const json& building : park.at("buildings")) {
            const auto position = building.at("position").get<std::vector<float>>();
            // The footprint's radius covers any rotation.
            float radius = 0.0f;
            for (const json& corner : building.at("footprint"))
                radius =
                    std::max(radius, std::hypot(corner[0].get<float>(), corner[1].get<float>()));
            float top = 0.0f;
            for (const json& floor : building.at("floors"))
                top = std::max(
                    top, floor.at("elevation").get<float>() + floor.at("height").get<float>());
            const glm::vec3 centre{origin[0] + position[0], origin[1] + position[1],
                                   origin[2] + position[2]};
            boxes.push_back({building.at("id").get<std::string>(),
                             centre - glm::vec3(radius, 0.0f, radius),
                             centre + glm::vec3(radius, top + 5.0f, radius)});
        }
    }
    return boxes;
}

std::set<std::string> ruleLayers() {
    std::ifstream in(std::filesystem::path(PT_TEST_SOURCE_DIR) / "assets/rules/default.json");
    REQUIRE(in);
    const json rules = json::parse(in);
    std::set<std::string> layers;
    for (const json& rule : rules.at("rules"))
        layers.insert(rule.at("layer").get<std::string>());
    return layers;
}

Tour shippedTour(const char* file) {
    auto tour = loadTour(std::filesystem::path(PT_TEST_SOURCE_DIR) / "assets/tours" / file);
    INFO(file << ": " << (tour.ok() ? "" : tour.error().message));
    REQUIRE(tour.ok());
    return *tour;
}

}  // namespace

TEST_CASE("Shipped tours load and refer only to real entities and layers", "[tour]") {
    const auto ids = demoEntityIds();
    REQUIRE(ids.count("gm/A3/F12/U1203") == 1);  // the id reader itself works
    const auto layers = ruleLayers();
    REQUIRE(layers.count("occupancy") == 1);
    const std::regex clock("([01][0-9]|2[0-3]):[0-5][0-9]");
    const auto boxes = demoBuildingBoxes();
    REQUIRE(boxes.size() == 17);

    for (const char* file : {"investor.json", "inspection.json"}) {
        INFO(file);
        const Tour tour = shippedTour(file);
        CHECK(tour.name + ".json" == file);
        CHECK_FALSE(tour.title.empty());
        for (std::size_t i = 0; i < tour.keyframes.size(); ++i) {
            INFO("keyframe " << i);
            const TourKeyframe& k = tour.keyframes[i];
            CHECK_FALSE(k.caption.empty());
            CHECK_FALSE(k.captionZh.empty());
            CHECK(k.dwellSeconds >= 2.0f);  // long enough to read a caption
            CHECK(k.camera.eye.y > 10.0f);
            for (const Command& action : k.actions) {
                INFO(actionName(action));
                if (auto* s = std::get_if<SelectCommand>(&action))
                    CHECK((s->entity.empty() || ids.count(s->entity) == 1));
                if (auto* f = std::get_if<FlyToCommand>(&action)) CHECK(ids.count(f->entity) == 1);
                if (auto* l = std::get_if<LayerCommand>(&action))
                    CHECK(layers.count(l->layer) == 1);
                if (auto* t = std::get_if<TimeOfDayCommand>(&action))
                    CHECK((t->time.empty() || std::regex_match(t->time, clock)));
            }
        }
        // The whole flight stays above the ground.
        TourPlayer player;
        player.start(tour);
        float lowest = 1e9f;
        for (float t = 0.0f; t <= player.totalDuration(); t += 0.05f)
            lowest = std::min(lowest, player.cameraAt(t).eye.y);
        CHECK(lowest > 10.0f);
        std::map<std::string, std::pair<float, float>> inside;  // building -> first, last time
        for (float t = 0.0f; t <= player.totalDuration(); t += 0.05f) {
            const glm::vec3 eye = player.cameraAt(t).eye;
            for (const BuildingBox& box : boxes)
                if (glm::all(glm::greaterThan(eye, box.min)) &&
                    glm::all(glm::lessThan(eye, box.max)))
                    inside.try_emplace(box.id, t, t).first->second.second = t;
        }
        for (const auto& [id, times] : inside)
            FAIL_CHECK("the eye passes through " << id << " from t = " << times.first << " to "
                                                 << times.second << " s");
    }
}

TEST_CASE("Shipped tours tell the stories they are for", "[tour]") {
    auto allActions = [](const Tour& tour) {
        std::vector<std::string> out;
        for (const TourKeyframe& k : tour.keyframes)
            for (const Command& c : k.actions)
                out.push_back(actionName(c));
        return out;
    };
    auto has = [](const std::vector<std::string>& actions, const Command& c) {
        return std::find(actions.begin(), actions.end(), actionName(c)) != actions.end();
    };

    const Tour investor = shippedTour("investor.json");
    CHECK(investor.loop);
    CHECK(investor.keyframes.size() >= 7);
    const auto inv = allActions(investor);
    CHECK(has(inv, SelectCommand{"gm/ev/P1"}));
    CHECK(has(inv, LayerCommand{"chargers"}));
    CHECK(has(inv, LayerCommand{"drones"}));
    CHECK(has(inv, SelectCommand{"gm/R1"}));
    CHECK(std::any_of(investor.keyframes.begin(), investor.keyframes.end(), [](const auto& k) {
        return std::any_of(k.actions.begin(), k.actions.end(), [](const Command& c) {
            auto* t = std::get_if<TimeOfDayCommand>(&c);
            return t && !t->time.empty();
        });
    }));
    // Every lap starts in daylight, whatever the night shot left behind.
    CHECK(names(investor.keyframes[0].actions)[0] == actionName(TimeOfDayCommand{""}));
    // The first and the last keyframes are high overviews.
    CHECK(investor.keyframes.front().camera.eye.y > 300.0f);
    CHECK(investor.keyframes.back().camera.eye.y > 300.0f);

    const Tour inspection = shippedTour("inspection.json");
    CHECK_FALSE(inspection.loop);
    const auto insp = allActions(inspection);
    CHECK(has(insp, FloorModeCommand{"cutaway"}));
    CHECK(has(insp, LayerCommand{"occupancy"}));
    CHECK(std::count_if(insp.begin(), insp.end(), [](const std::string& a) {
              return a.find("\"gm/A3/F") != std::string::npos;
          }) >= 3);  // walks several floors
    CHECK(names(inspection.keyframes.back().actions)[0] == actionName(FloorModeCommand{"none"}));
}

TEST_CASE("The example in docs/tours.md is a valid tour", "[tour]") {
    std::ifstream in(std::filesystem::path(PT_TEST_SOURCE_DIR) / "docs/tours.md");
    REQUIRE(in);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto begin = text.find("```json\n");
    REQUIRE(begin != std::string::npos);
    const auto end = text.find("```", begin + 8);
    REQUIRE(end != std::string::npos);
    auto tour = parseTour(text.substr(begin + 8, end - begin - 8), "docs/tours.md");
    INFO((tour.ok() ? "" : tour.error().message));
    REQUIRE(tour.ok());
    CHECK(tour->keyframes.size() == 2);
    CHECK(tour->keyframes[1].actions.size() == 2);
}

TEST_CASE("Tours are found by name in the tours folder or by path", "[tour]") {
    CHECK(resolveTourPath("investor", "/opt/tours") ==
          std::filesystem::path("/opt/tours/investor.json"));
    CHECK(resolveTourPath("assets/tours/investor.json", "/opt/tours") ==
          std::filesystem::path("assets/tours/investor.json"));
    CHECK(resolveTourPath("mine.json", "/opt/tours") == std::filesystem::path("mine.json"));
    CHECK(resolveTourPath("", "/opt/tours").empty());
}

TEST_CASE("The tours folder is the configured one or the shipped assets/tours", "[tour]") {
    CHECK(toursDirectory("/srv/tours") == std::filesystem::path("/srv/tours"));
    const std::filesystem::path shipped = toursDirectory("");
    CHECK(std::filesystem::exists(shipped / "investor.json"));
    CHECK(std::filesystem::exists(shipped / "inspection.json"));
}
