#include "viewer/cli.h"

#include "viewer/kiosk.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>
#include <vector>

namespace pt::viewer {
namespace {

#ifdef NDEBUG
constexpr bool kValidateByDefault = false;
#else
constexpr bool kValidateByDefault = true;  // debug builds always validate
#endif

Result<uint32_t> parseUint(std::string_view text, std::string_view what) {
    uint32_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return makeError(what, ": expected a whole number, got '", text, "'");
    return value;
}

Result<glm::vec3> parseVec3(std::string_view text, std::string_view what) {
    glm::vec3 v;
    size_t start = 0;
    for (int i = 0; i < 3; ++i) {
        const size_t comma = i < 2 ? text.find(',', start) : text.size();
        if (comma == std::string_view::npos)
            return makeError(what, ": expected x,y,z, got '", text, "'");
        const std::string part(text.substr(start, comma - start));
        char* end = nullptr;
        v[i] = std::strtof(part.c_str(), &end);
        if (part.empty() || end != part.c_str() + part.size())
            return makeError(what, ": '", part, "' is not a number");
        start = comma + 1;
    }
    return v;
}

Result<void> parseSize(std::string_view text, Options& o) {
    const size_t x = text.find('x');
    if (x == std::string_view::npos) return makeError("--size: expected WxH, got '", text, "'");
    auto w = parseUint(text.substr(0, x), "--size width");
    if (!w) return w.error();
    auto h = parseUint(text.substr(x + 1), "--size height");
    if (!h) return h.error();
    if (*w < 16 || *h < 16 || *w > 16384 || *h > 16384)
        return makeError("--size: ", *w, "x", *h, " is outside 16..16384 per side");
    o.width = *w;
    o.height = *h;
    return {};
}

// "AxB" (or with another separator) into two whole numbers.
Result<glm::uvec2> parsePair(std::string_view text, char separator, std::string_view flag,
                             std::string_view form) {
    const size_t at = text.find(separator);
    if (at == std::string_view::npos)
        return makeError(flag, ": expected ", form, ", got '", text, "'");
    auto a = parseUint(text.substr(0, at), flag);
    if (!a) return a.error();
    auto b = parseUint(text.substr(at + 1), flag);
    if (!b) return b.error();
    return glm::uvec2(*a, *b);
}

// Video wall and export options (docs/video-wall.md, docs/tours.md).
Result<void> parseWall(std::string_view v, Options& o) {
    auto wall = parsePair(v, 'x', "--wall", "COLSxROWS (e.g. 3x2)");
    if (!wall) return wall.error();
    if (wall->x < 1 || wall->y < 1 || wall->x > 16 || wall->y > 16)
        return makeError("--wall: ", wall->x, "x", wall->y, " is outside 1..16 per side");
    o.wall = *wall;
    return {};
}

Result<void> parseBezel(std::string_view v, Options& o) {
    glm::uvec2 bezel;
    if (v.find('x') != std::string_view::npos) {
        auto pair = parsePair(v, 'x', "--bezel", "PX or PXxPY");
        if (!pair) return pair.error();
        bezel = *pair;
    } else {
        auto one = parseUint(v, "--bezel");
        if (!one) return one.error();
        bezel = glm::uvec2(*one);
    }
    if (bezel.x > 4096 || bezel.y > 4096)
        return makeError("--bezel: ", bezel.x, "x", bezel.y, " pixels is over 4096");
    o.bezel = bezel;
    return {};
}

Result<void> parseWallId(std::string_view v, Options& o) {
    const bool ok = !v.empty() && v.size() <= 64 && std::all_of(v.begin(), v.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
    if (!ok) return makeError("--wall-id: letters, digits, '-' and '_' only, got '", v, "'");
    o.wallId = v;
    return {};
}

// Checks that need every option: the tile inside the wall, the sync's role.
Result<void> checkWallAndExport(const Options& o) {
    if (o.tile.x >= o.wall.x || o.tile.y >= o.wall.y)
        return makeError("--tile ", o.tile.x, ",", o.tile.y, ": outside the ", o.wall.x, "x",
                         o.wall.y, " wall (columns and rows count from 0)");
    if (!o.wallSync.empty() && o.wallRole.empty())
        return makeError("--wall-sync: needs --wall-role leader or follower");
    if (o.wallSync.empty() && !o.wallRole.empty())
        return makeError("--wall-role: needs --wall-sync mqtt://HOST:PORT");
    if (o.command == Subcommand::Render && o.tiles > 0 && o.isWallTile())
        return makeError("render: --tiles and --wall cannot be combined");
    if (o.command == Subcommand::Export) {
        if (o.tour.empty()) return makeError("export: --tour FILE is required");
        if (o.isWallTile() || o.tiles > 0)
            return makeError("export: --wall and --tiles are for the viewer and render");
        if (o.out.empty()) return makeError("export: --out FILE (e.g. tour.mp4) is required");
        if (o.width % 2 || o.height % 2)
            return makeError("export: --size ", o.width, "x", o.height,
                             " must be even (H.264 with yuv420p halves the colour resolution)");
    }
    return {};
}

// Every option that takes a value, in one table: the flag and how it sets Options.
using ValueHandler = std::function<Result<void>(std::string_view, Options&)>;

Result<double> parseSeconds(std::string_view text, std::string_view flag, double max) {
    const std::string s(text);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !(v >= 0 && v <= max))
        return makeError(flag, ": expected seconds between 0 and ", max, ", got '", text, "'");
    return v;
}

const std::map<std::string_view, ValueHandler>& valueOptions() {
    auto text = [](std::string Options::*field) {
        return ValueHandler([field](std::string_view v, Options& o) -> Result<void> {
            o.*field = std::string(v);
            return {};
        });
    };
    static const std::map<std::string_view, ValueHandler> table = {
        {"--scene", text(&Options::scene)},
        {"--out", text(&Options::out)},
        {"--screenshot", text(&Options::screenshot)},
        {"--device", text(&Options::device)},
        {"--data", text(&Options::data)},
        {"--layer", text(&Options::layer)},
        {"--select", text(&Options::select)},
        {"--floor-mode", text(&Options::floorMode)},
        {"--view", text(&Options::view)},
        {"--time-of-day", text(&Options::timeOfDay)},
        {"--api-token-file", text(&Options::apiTokenFile)},
        {"--tour", text(&Options::tour)},
        {"--bookmarks", text(&Options::bookmarks)},
        {"--size", [](std::string_view v, Options& o) { return parseSize(v, o); }},
        {"--wall", parseWall},
        {"--tile",
         [](std::string_view v, Options& o) -> Result<void> {
             auto tile = parsePair(v, ',', "--tile", "C,R (column,row from 0)");
             if (!tile) return tile.error();
             o.tile = *tile;
             return {};
         }},
        {"--bezel", parseBezel},
        {"--wall-id", parseWallId},
        {"--wall-sync",
         [](std::string_view v, Options& o) -> Result<void> {
             if (v.rfind("mqtt://", 0) != 0 || v.find(':', 7) == std::string_view::npos)
                 return makeError("--wall-sync: expected mqtt://HOST:PORT, got '", v, "'");
             o.wallSync = v;
             return {};
         }},
        {"--wall-role",
         [](std::string_view v, Options& o) -> Result<void> {
             if (v != "leader" && v != "follower")
                 return makeError("--wall-role: leader or follower, got '", v, "'");
             o.wallRole = v;
             return {};
         }},
        {"--tiles",
         [](std::string_view v, Options& o) -> Result<void> {
             auto n = parseUint(v, "--tiles");
             if (!n) return n.error();
             if (*n < 1 || *n > 16) return makeError("--tiles: 1..16, got ", *n);
             o.tiles = *n;
             return {};
         }},
        {"--fps",
         [](std::string_view v, Options& o) -> Result<void> {
             auto n = parseUint(v, "--fps");
             if (!n) return n.error();
             if (*n < 1 || *n > 240) return makeError("--fps: 1..240, got ", *n);
             o.fps = *n;
             return {};
         }},
        {"--ffmpeg", text(&Options::ffmpeg)},
        {"--lang",
         [](std::string_view v, Options& o) -> Result<void> {
             if (v != "en" && v != "zh") return makeError("--lang: en or zh, got '", v, "'");
             o.language = v;
             return {};
         }},
        {"--camera",
         [](std::string_view v, Options& o) -> Result<void> {
             auto c = parseCamera(v);
             if (!c) return c.error();
             o.camera = *c;
             return {};
         }},
        {"--frames",
         [](std::string_view v, Options& o) -> Result<void> {
             auto n = parseUint(v, "--frames");
             if (!n) return n.error();
             o.frames = *n;
             return {};
         }},
        {"--samples",
         [](std::string_view v, Options& o) -> Result<void> {
             auto n = parseUint(v, "--samples");
             if (!n) return n.error();
             if (*n != 1 && *n != 4) return makeError("--samples: 1 or 4, got ", *n);
             o.samples = *n;
             return {};
         }},
        {"--settle",
         [](std::string_view v, Options& o) -> Result<void> {
             auto s = parseSeconds(v, "--settle", 600);
             if (!s) return s.error();
             o.settleSeconds = *s;
             return {};
         }},
        {"--speed",
         [](std::string_view v, Options& o) -> Result<void> {
             double speed = 0;
             const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), speed);
             if (ec != std::errc() || end != v.data() + v.size() || !(speed > 0) ||
                 speed > kMaxLiveSpeed) {
                 return makeError("--speed: expected a number above 0 and at most ", kMaxLiveSpeed,
                                  " (simulated seconds per second), got '", v, "'");
             }
             o.speed = speed;
             return {};
         }},
        {"--sim-start",
         [](std::string_view v, Options& o) -> Result<void> {
             auto minutes = parseClockMinutes(v, "--sim-start");
             if (!minutes) return minutes.error();
             o.simStartMinute = *minutes;
             return {};
         }},
        {"--duration",
         [](std::string_view v, Options& o) -> Result<void> {
             auto s = parseSeconds(v, "--duration", 1e9);
             if (!s) return s.error();
             o.durationSeconds = *s;
             return {};
         }},
        {"--api",
         [](std::string_view v, Options& o) -> Result<void> {
             if (v.find(':') == std::string_view::npos)
                 return makeError("--api: expected HOST:PORT (e.g. 127.0.0.1:8700), got '", v, "'");
             o.api = v;
             return {};
         }},
        {"--monitor",
         [](std::string_view v, Options& o) -> Result<void> {
             auto n = parseUint(v, "--monitor");
             if (!n) return n.error();
             if (*n > 63) return makeError("--monitor: ", *n, " is not a monitor index");
             o.monitor = int(*n);
             return {};
         }},
        {"--exit-chord", text(&Options::exitChord)},
        {"--attract-tour", text(&Options::attractTour)},
        {"--tours-dir", text(&Options::toursDir)},
        {"--attract-after",
         [](std::string_view v, Options& o) -> Result<void> {
             auto s = parseSeconds(v, "--attract-after (minutes)", 24 * 60);
             if (!s) return s.error();
             o.attractAfterMinutes = *s;
             return {};
         }},
        {"--history-hours",
         [](std::string_view v, Options& o) -> Result<void> {
             auto s = parseSeconds(v, "--history-hours", 24 * 30);
             if (!s) return s.error();
             if (*s < 1.0 / 60.0) return makeError("--history-hours: at least one minute (0.017)");
             o.historyHours = *s;
             return {};
         }},
        {"--history-samples",
         [](std::string_view v, Options& o) -> Result<void> {
             auto n = parseUint(v, "--history-samples");
             if (!n) return n.error();
             if (*n < 1 || *n > 100'000) return makeError("--history-samples: 1..100000, got ", *n);
             o.historySamples = *n;
             return {};
         }},
        {"--cursor-hide",
         [](std::string_view v, Options& o) -> Result<void> {
             auto s = parseSeconds(v, "--cursor-hide", 3600);
             if (!s) return s.error();
             o.cursorHideSeconds = *s;
             return {};
         }},
        {"--broker",
         [](std::string_view v, Options& o) -> Result<void> {
             if (v.rfind("mqtt://", 0) != 0)
                 return makeError("--broker: expected mqtt://HOST:PORT, got '", v, "'");
             o.broker = v;
             return {};
         }},
    };
    return table;
}

// Every option without a value: the flag and the bool it sets.
struct Switch {
    bool Options::*field;
    bool value;
};

const std::map<std::string_view, Switch>& switchOptions() {
    static const std::map<std::string_view, Switch> table = {
        {"--validate", {&Options::validate, true}},
        {"--no-vsync", {&Options::vsync, false}},
        {"--exercise-window", {&Options::exerciseWindow, true}},
        {"--json", {&Options::json, true}},
        {"--walk", {&Options::walk, true}},
        {"--no-panels", {&Options::panels, false}},
        {"--ui-stats", {&Options::uiStats, true}},
        {"--fullscreen", {&Options::fullscreen, true}},
        {"--span", {&Options::span, true}},
        {"--kiosk", {&Options::kiosk, true}},
        {"--presentation", {&Options::presentation, true}},
    };
    return table;
}

}  // namespace

Result<CameraSpec> parseCamera(std::string_view text) {
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos)
        return makeError("--camera: expected EYE:TARGET (e.g. 90,60,90:0,10,0), got '", text, "'");
    auto eye = parseVec3(text.substr(0, colon), "--camera eye");
    if (!eye) return eye.error();
    auto target = parseVec3(text.substr(colon + 1), "--camera target");
    if (!target) return target.error();
    if (*eye == *target) return makeError("--camera: eye and target are the same point");
    return CameraSpec{*eye, *target};
}

Result<int> parseClockMinutes(std::string_view text, std::string_view flag) {
    int h = -1, m = -1;
    const size_t colon = text.find(':');
    if (colon != std::string_view::npos) {
        auto r1 = std::from_chars(text.data(), text.data() + colon, h);
        auto r2 = std::from_chars(text.data() + colon + 1, text.data() + text.size(), m);
        if (r1.ec != std::errc() || r1.ptr != text.data() + colon || r2.ec != std::errc() ||
            r2.ptr != text.data() + text.size())
            h = -1;
    }
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return makeError(flag, ": expected HH:MM (00:00 to 23:59), got '", text, "'");
    return h * 60 + m;
}

Result<Options> parseArgs(std::span<const std::string_view> args) {
    Options o;
    o.validate = kValidateByDefault;
    size_t i = 0;
    if (!args.empty() && args[0] == "render") {
        o.command = Subcommand::Render;
        i = 1;
    } else if (!args.empty() && args[0] == "info") {
        o.command = Subcommand::Info;
        i = 1;
    } else if (!args.empty() && args[0] == "publish") {
        o.command = Subcommand::Publish;
        i = 1;
    } else if (!args.empty() && args[0] == "export") {
        o.command = Subcommand::Export;
        i = 1;
    }
    auto value = [&](std::string_view flag) -> Result<std::string_view> {
        if (i + 1 >= args.size()) return makeError(flag, ": missing value");
        return args[++i];
    };
    for (; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == "--help" || a == "-h") return Options{.command = Subcommand::Help};
        if (a == "--version") return Options{.command = Subcommand::Version};
        if (const auto sw = switchOptions().find(a); sw != switchOptions().end()) {
            o.*(sw->second.field) = sw->second.value;
            continue;
        }
        const auto handler = valueOptions().find(a);
        if (handler == valueOptions().end())
            return makeError("unknown option '", a, "' (see parktwin --help)");
        auto v = value(a);
        if (!v) return v.error();
        PT_TRY(handler->second(*v, o));
    }
    if (o.command == Subcommand::Render && o.out.empty())
        return makeError("render: --out FILE.png is required");
    PT_TRY(checkWallAndExport(o));
    if (!o.screenshot.empty() && o.frames == 0) o.frames = 3;
    if (auto chord = parseKeyChord(o.exitChord); !chord) return chord.error();
    if (o.fullscreen && o.span) return makeError("--fullscreen and --span exclude each other");
    if (o.kiosk) {
        if (!o.span) o.fullscreen = true;
        if (o.attractAfterMinutes < 0) o.attractAfterMinutes = 5;
    }
    if (o.attractAfterMinutes < 0) o.attractAfterMinutes = 0;
    return o;
}

std::string helpText() {
    return R"(ParkTwin - a real-time 3D digital twin of industrial parks

Usage:
  parktwin [options]                 open the viewer
  parktwin render --out PNG [opts]   render one frame headless (no window or display needed)
  parktwin info [--scene FILE]       print the park tree, model statistics and warnings
  parktwin publish [--broker URL]    play simulated (or --data replay:DIR) live data for the
                                     demo park into an MQTT broker (see docs/data.md)
  parktwin export --tour FILE --out MP4 [--size WxH] [--fps N]
                                     render a tour headless into an H.264 video (ffmpeg)
  parktwin --help | --version

Options:
  --scene FILE           what to show: demo (the generated demo park, default),
                         builtin:test, a manifest (.json) or a model (.glb .gltf .ifc .fbx .obj)
  --size WxH             window or image size (default 1280x720)
  --out PNG              render: where to write the image
  --camera EYE:TARGET    camera position and look-at point, e.g. 90,60,90:0,10,0
  --screenshot PNG       viewer: write a screenshot (with the UI) and exit
  --frames N             viewer: exit after N frames (default 3 with --screenshot)
  --samples 1|4          MSAA samples (default 4; the viewer on a CPU device uses 1)
  --validate             enable Vulkan validation (always on in debug builds)
  --no-vsync             do not wait for the display's refresh
  --device NAME          prefer the Vulkan device whose name contains NAME
  --exercise-window      test aid: resize, minimise and restore the window while running
  --json                 info: print JSON
  --data SOURCE          live data: sim (default, simulated), replay:DIR (recorded data),
                         mqtt://HOST:PORT (a broker), none
  --layer NAME           coloured layer: occupancy (default), power, energy, chargers, drones
  --settle SECONDS       render: wait this long for data before drawing
  --speed N              live data: simulated or replayed seconds per second (default 60;
                         1 = real time); for the viewer, render and publish
  --sim-start HH:MM      simulator: start the park's day at this local time (default: now),
                         e.g. 10:00 for a busy morning at an evening exhibition
  --select ID            select an entity (e.g. gm/A3/F12), outlined and shown in the panel
  --floor-mode MODE      with --select: isolate, ghost, cutaway, explode or section
  --view VIEW            park (default), building, floor, plan (top-down; these need --select),
                         ev (the EV charging scene) or drone (pads and drones)
  --time-of-day HH:MM    sun position and light for that local time (night lights windows)
  --walk                 start walking (first person) on the selected floor (V toggles)
  --no-panels            viewer: start with the panels hidden (3D view and labels; H toggles)
  --ui-stats             viewer: print the UI's CPU and GPU time per frame at exit
  --bookmarks FILE       named views (default parktwin-bookmarks.json); B saves the view
  --lang en|zh           user interface language (default en; L switches it while running;
                         tenant and place names are shown as given)
  --tour FILE            play a camera tour (e.g. assets/tours/investor.json); T toggles it
  --api HOST:PORT        start the remote-control API (see docs/remote-api.md)
  --api-token-file FILE  its bearer token (or the PARKTWIN_API_TOKEN environment variable)
  --fullscreen           borderless fullscreen on one monitor (--monitor N, 0-based; the
                         monitors are listed at start; default the primary)
  --span                 one borderless window across all monitors
  --kiosk                unattended wall: fullscreen, exits only on the exit chord, idle cursor
                         hidden, attract tour after 5 idle minutes (see docs/kiosk.md)
  --exit-chord KEYS      kiosk: the keys that quit (default ctrl+shift+q)
  --presentation         exhibition look: no panels, large captions, KPI ticker, alert call-outs
  --attract-after MIN    play the attract tour after MIN idle minutes (0: never)
  --attract-tour FILE    the attract tour (default: the shipped investor tour, looping)
  --cursor-hide SECONDS  kiosk/presentation: hide the idle cursor after this (default 3)
  --history-hours H      live-data history kept per channel (default 24; memory grows until
                         it is full, then stays flat)
  --history-samples N    and the latest N samples per channel at full rate (default 256)
  --tours-dir DIR        where tours are found by name and saved from the recorder (R)
  --broker URL           publish: mqtt://HOST:PORT (default mqtt://127.0.0.1:1883)
  --duration SECONDS     publish: stop after this long (default: until Ctrl-C)

Video wall and export (docs/video-wall.md, docs/tours.md):
  --wall COLSxROWS       this process shows one tile of a video wall (--size is the tile's)
  --tile C,R             which tile: column and row, from the top left, counting from 0
  --bezel PX|PXxPY       pixels hidden by the monitor frames between columns (and rows)
  --wall-sync URL        mqtt://HOST:PORT: sync the wall's camera, selection, floor mode,
                         layer, time and tour through this broker
  --wall-role ROLE       leader (publishes its state every frame) or follower (applies it)
  --wall-id ID           the wall's name in its topic parktwin/wall/v1/ID/state (default main)
  --tiles N              render: draw NxN tiles and stitch them into one PNG (default: as
                         many tiles of at most 4096x4096 pixels as --size needs)
  --fps N                export: frames per second (default 30)
  --ffmpeg PATH          export: the encoder (default /usr/bin/ffmpeg)

Exit codes: 0 success, 2 bad input, 3 Vulkan validation errors (with --validate).
)";
}

}  // namespace pt::viewer
