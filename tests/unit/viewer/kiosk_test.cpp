#include <catch2/catch.hpp>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <string_view>
#include <vector>

#include "viewer/cli.h"
#include "viewer/kiosk.h"

using namespace pt::viewer;

TEST_CASE("Key chords parse modifiers and one key, case-insensitively", "[kiosk]") {
    auto chord = parseKeyChord("Ctrl+Shift+Q");
    REQUIRE(chord.ok());
    CHECK(chord->ctrl);
    CHECK(chord->shift);
    CHECK_FALSE(chord->alt);
    CHECK(chord->key == GLFW_KEY_Q);
    CHECK(toString(*chord) == "ctrl+shift+q");

    auto f = parseKeyChord("alt+f12");
    REQUIRE(f.ok());
    CHECK(f->key == GLFW_KEY_F12);
    CHECK(toString(*f) == "alt+f12");
    auto esc = parseKeyChord("super+escape");
    REQUIRE(esc.ok());
    CHECK(esc->key == GLFW_KEY_ESCAPE);
    CHECK(parseKeyChord("ctrl+7")->key == GLFW_KEY_7);
}

TEST_CASE("Bad key chords say what is wrong", "[kiosk]") {
    auto lone = parseKeyChord("q");
    REQUIRE_FALSE(lone.ok());
    CHECK_THAT(lone.error().message, Catch::Contains("needs a modifier"));
    CHECK_THAT(parseKeyChord("ctrl+shift").error().message, Catch::Contains("no key"));
    CHECK_THAT(parseKeyChord("ctrl+q+w").error().message, Catch::Contains("more than one key"));
    CHECK_THAT(parseKeyChord("ctrl+banana").error().message,
               Catch::Contains("unknown key 'banana'"));
    CHECK_THAT(parseKeyChord("q+ctrl").error().message, Catch::Contains("before the key"));
    CHECK_THAT(parseKeyChord("ctrl++q").error().message, Catch::Contains("empty key"));
    CHECK_THAT(parseKeyChord("ctrl+f13").error().message, Catch::Contains("unknown key 'f13'"));
}

TEST_CASE("Kiosk options: kiosk implies fullscreen and a 5 minute attract loop", "[kiosk][cli]") {
    std::vector<std::string_view> args = {"--kiosk", "--monitor", "1"};
    auto o = parseArgs(args);
    REQUIRE(o.ok());
    CHECK(o->kiosk);
    CHECK(o->fullscreen);
    CHECK(o->monitor == 1);
    CHECK(o->attractAfterMinutes == 5.0);
    CHECK(o->exitChord == "ctrl+shift+q");

    std::vector<std::string_view> span = {"--kiosk", "--span",       "--attract-after",
                                          "0.5",     "--exit-chord", "alt+f4"};
    auto s = parseArgs(span);
    REQUIRE(s.ok());
    CHECK(s->span);
    CHECK_FALSE(s->fullscreen);
    CHECK(s->attractAfterMinutes == 0.5);

    std::vector<std::string_view> plain = {"--presentation"};
    auto p = parseArgs(plain);
    REQUIRE(p.ok());
    CHECK(p->presentation);
    CHECK(p->attractAfterMinutes == 0.0);  // off unless asked for (or kiosk)

    std::vector<std::string_view> badChord = {"--exit-chord", "q"};
    CHECK_THAT(parseArgs(badChord).error().message, Catch::Contains("needs a modifier"));
    std::vector<std::string_view> both = {"--fullscreen", "--span"};
    CHECK_THAT(parseArgs(both).error().message, Catch::Contains("exclude each other"));
    std::vector<std::string_view> negative = {"--attract-after", "-1"};
    CHECK_FALSE(parseArgs(negative).ok());
}

TEST_CASE("Window placement covers one monitor or spans all", "[kiosk]") {
    const std::vector<MonitorInfo> monitors = {{"DP-1", {0, 0, 1920, 1080}},
                                               {"DP-2", {1920, 0, 1920, 1080}},
                                               {"DP-3", {0, 1080, 3840, 1080}}};
    auto primary = placeWindow(monitors, WindowPlacement::Fullscreen, -1);
    REQUIRE(primary.ok());
    CHECK(primary->rect == ScreenRect{0, 0, 1920, 1080});
    CHECK(primary->note.empty());

    auto second = placeWindow(monitors, WindowPlacement::Fullscreen, 1);
    REQUIRE(second.ok());
    CHECK(second->rect == ScreenRect{1920, 0, 1920, 1080});
    CHECK(second->monitor == 1);

    auto span = placeWindow(monitors, WindowPlacement::Span, 0);
    REQUIRE(span.ok());
    CHECK(span->rect == ScreenRect{0, 0, 3840, 2160});

    // A monitor that went away: the primary, with a note naming what happened.
    auto missing = placeWindow(monitors, WindowPlacement::Fullscreen, 5);
    REQUIRE(missing.ok());
    CHECK(missing->monitor == 0);
    CHECK(missing->rect == monitors[0].area);
    CHECK_THAT(missing->note, Catch::Contains("monitor 5 is not connected"));

    CHECK_FALSE(placeWindow({}, WindowPlacement::Fullscreen, 0).ok());
}

TEST_CASE("Idle tracker hides the cursor and runs the attract loop once per idle stretch",
          "[kiosk]") {
    IdleTracker idle({.cursorHideSeconds = 3, .attractAfterSeconds = 60}, 100.0);
    CHECK_FALSE(idle.cursorHidden(102.0));
    CHECK(idle.cursorHidden(103.0));
    CHECK(idle.update(150.0) == IdleTracker::AttractChange::None);
    idle.input(150.0);
    CHECK_FALSE(idle.cursorHidden(151.0));
    CHECK(idle.update(209.0) == IdleTracker::AttractChange::None);
    CHECK(idle.update(210.0) == IdleTracker::AttractChange::Start);
    CHECK(idle.attracting());
    CHECK(idle.update(400.0) == IdleTracker::AttractChange::None);  // starts once
    idle.input(401.0);
    CHECK(idle.update(401.0) == IdleTracker::AttractChange::Stop);
    CHECK_FALSE(idle.attracting());
    CHECK(idle.update(430.0) == IdleTracker::AttractChange::None);
    CHECK(idle.update(461.0) == IdleTracker::AttractChange::Start);  // the next idle stretch

    IdleTracker off({.cursorHideSeconds = 0, .attractAfterSeconds = 0}, 0.0);
    CHECK(off.update(1e6) == IdleTracker::AttractChange::None);
    CHECK_FALSE(off.cursorHidden(1e6));
}
