#include <catch2/catch.hpp>

#include "viewer/command.h"

using namespace pt::viewer;
using nlohmann::json;

TEST_CASE("Commands round-trip through JSON", "[command]") {
    const std::vector<Command> commands = {
        SelectCommand{"gm/A3/F12"},     FlyToCommand{"gm/A3"},
        FloorModeCommand{"cutaway"},    LayerCommand{"power"},
        LanguageCommand{"zh"},          TourCommand{"play", "investor"},
        BookmarkCommand{"go", "lobby"}, TimeCommand{"scrub", 1764312000123, 1.0},
        TimeCommand{"play", 0, 60.0},   CameraCommand{{1, 2, 3}, {4, 5, 6}, 40.0f},
        TimeOfDayCommand{"19:30"},      PresentationCommand{true},
        PresentationCommand{false}};
    for (const Command& c : commands) {
        const json j = commandToJson(c);
        auto back = commandFromJson(j);
        INFO(j.dump());
        REQUIRE(back.ok());
        CHECK(commandToJson(*back) == j);
        CHECK(back->index() == c.index());
    }
}

TEST_CASE("Bad commands are rejected with the field and the reason", "[command]") {
    auto error = [](const char* text) {
        return commandFromJson(json::parse(text)).error().message;
    };
    CHECK(error(R"([1,2])") == "command: expected a JSON object");
    CHECK(error(R"({"entity": "gm"})") == "command: missing \"type\"");
    CHECK(error(R"({"type": "explode"})") ==
          "command: unknown type \"explode\" (select, flyTo, floorMode, layer, language, tour, "
          "bookmark, time, "
          "camera, timeOfDay, alert, presentation)");
    CHECK(error(R"({"type": "floorMode", "mode": "xray"})") ==
          "command: \"mode\" must be one of none, isolate, ghost, cutaway, explode, section, got "
          "\"xray\"");
    CHECK(error(R"({"type": "flyTo", "entity": 3})") == "command: \"entity\" must be a string");
    CHECK(error(R"({"type": "camera", "eye": [1, 2], "target": [0, 0, 0]})") ==
          "command: \"eye\" must be an array of 3 numbers");
    CHECK(error(R"({"type": "time", "action": "scrub"})") ==
          "command: \"timeMs\" must be an integer (ms since epoch)");
    CHECK(error(R"({"type": "time", "action": "play", "speed": -2})") ==
          "command: \"speed\" must be between 0 and 100000");
    CHECK(error(R"({"type": "tour", "action": "play"})") == "command: missing \"tour\"");
    CHECK(error(R"({"type": "presentation", "on": "yes"})") ==
          "command: \"on\" must be true or false");
}

TEST_CASE("The command queue hands over everything pushed, in order, once", "[command]") {
    CommandQueue q;
    q.push(SelectCommand{"a"});
    q.push(LayerCommand{"power"});
    auto first = q.drain();
    REQUIRE(first.size() == 2);
    CHECK(std::get<SelectCommand>(first[0]).entity == "a");
    CHECK(std::get<LayerCommand>(first[1]).layer == "power");
    CHECK(q.drain().empty());
}
