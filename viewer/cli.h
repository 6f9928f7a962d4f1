#pragma once
// The command-line contract (kept stable; other features extend it):
//   parktwin [--scene FILE] [--screenshot PNG --frames N] [--size WxH] [--validate]
//   parktwin render --scene FILE --size WxH --out PNG [--camera EYE:TARGET] [--validate]
//   parktwin info --scene FILE [--json]
//   parktwin publish [--broker mqtt://HOST:PORT] [--data sim|replay:DIR] [--duration S]
//   parktwin export --tour FILE --size WxH --fps N --out FILE.mp4 [--ffmpeg PATH]
//   video wall (view and render): --wall COLSxROWS --tile C,R [--bezel PX|PXxPY]
//   [--wall-sync mqtt://HOST:PORT --wall-role leader|follower --wall-id ID]
//   render: [--tiles N] (an NxN grid of tiles stitched into one PNG)
//   live data (view and render): --data sim|replay:DIR|mqtt://HOST:PORT|none --layer NAME
//   [--settle SECONDS]
//   parktwin --help | --version
// Parsing is pure (no GPU, no window) so it is unit-tested; bad input is an Error whose message
// is the one line printed before exiting with code 2.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <glm/glm.hpp>

#include "core/result.h"

namespace pt::viewer {

inline constexpr double kMaxLiveSpeed = 100'000;  // --speed: a simulated day in under a second

// "HH:MM" (00:00 to 23:59) as minutes after midnight; an error names `flag`.
Result<int> parseClockMinutes(std::string_view text, std::string_view flag);

enum class Subcommand { View, Render, Info, Publish, Export, Help, Version };

struct CameraSpec {
    glm::vec3 eye{0.0f};
    glm::vec3 target{0.0f};
};

struct Options {
    Subcommand command = Subcommand::View;
    std::string scene = "demo";
    uint32_t width = 1280;
    uint32_t height = 720;
    std::string out;         // render: the PNG to write
    std::string screenshot;  // view: write a screenshot after `frames` frames, then exit
    uint32_t frames = 0;     // view: exit after this many frames (0: run until closed)
    std::optional<CameraSpec> camera;
    bool validate = false;
    bool vsync = true;
    // MSAA samples; 0 = automatic: 4 for `render` and on GPUs, 1 for the interactive viewer on
    // a CPU device (lavapipe), where 4x costs about 4x the frame time.
    uint32_t samples = 0;
    std::string device;  // prefer a device whose name contains this
    // Test aid: resizes, minimises and restores the window during the first frames.
    bool exerciseWindow = false;
    bool json = false;                // info: machine-readable output
    bool walk = false;                // viewer: start walking on the selected floor
    bool panels = true;               // viewer: panels shown at start (labels always)
    bool uiStats = false;             // viewer: print the UI's cost per frame at exit
    std::string data = "sim";         // live data: sim, replay:DIR, mqtt://HOST:PORT, none
    double settleSeconds = 0.0;       // render: let data arrive this long before the frame
    std::string layer = "occupancy";  // the coloured data layer
    std::string select;               // entity id to select at start (e.g. gm/A3/F12)
    std::string floorMode = "none";   // none|isolate|ghost|cutaway|explode|section
    std::string view = "park";        // park|building|floor|plan
    std::string timeOfDay;            // HH:MM; empty: the default daylight
    std::string api;                  // HOST:PORT of the remote-control API; empty: off
    std::string apiTokenFile;         // bearer token file (or PARKTWIN_API_TOKEN)
    std::string tour;                 // a tour JSON to play at start
    std::string language = "en";      // UI language: en|zh
    std::string bookmarks = "parktwin-bookmarks.json";  // named views, loaded and saved here
    std::string broker = "mqtt://127.0.0.1:1883";       // publish: where to
    double durationSeconds = 0;                         // publish: 0 = until interrupted
    // Live data speed, simulated or replayed seconds per second (viewer, render and publish);
    // 0: the default, 60 (the service views' simulator: 1, drones at their real speed).
    double speed = 0;
    // Simulator: the park's local time (minutes after midnight) the simulated day starts at;
    // -1: the clock's time (--sim-start HH:MM).
    int simStartMinute = -1;
    // Control-room walls and exhibitions (docs/kiosk.md).
    bool fullscreen = false;  // borderless, covering one monitor (--monitor)
    int monitor = -1;         // index into the monitor list printed at start; -1: the primary
    bool span = false;        // one borderless window across all monitors
    bool kiosk = false;       // fullscreen, leaves only on the exit chord, cursor hides, attract
    std::string exitChord = "ctrl+shift+q";
    bool presentation = false;        // chrome off, large captions, KPI ticker, alert call-outs
    double attractAfterMinutes = -1;  // idle minutes before the attract tour; -1: 5 in kiosk
    std::string attractTour;          // default: the shipped investor tour
    double cursorHideSeconds = 3.0;   // kiosk/presentation: hide an idle cursor after this
    std::string toursDir;             // tours found by name and saved here; default: shipped
    double historyHours = 24;         // live data history kept per channel (1-minute buckets)
    uint32_t historySamples = 256;    // plus this many latest samples at full rate

    // Video wall (docs/video-wall.md). --size is one tile's size.
    glm::uvec2 wall{1, 1};        // columns x rows; 1x1: no wall
    glm::uvec2 tile{0, 0};        // this process's column and row, from the top left
    glm::uvec2 bezel{0, 0};       // hidden pixels between columns and between rows
    std::string wallSync;         // mqtt://HOST:PORT the wall syncs through; empty: off
    std::string wallRole;         // leader|follower (required with wallSync)
    std::string wallId = "main";  // the wall's name in its topic parktwin/wall/v1/<id>/state
    // Export (docs/tours.md).
    uint32_t tiles = 0;  // render: NxN tiles; 0 = automatic (tiles of at most 4096 pixels)
    uint32_t fps = 30;   // export: frames per second of the video
    std::string ffmpeg = "/usr/bin/ffmpeg";  // export: the encoder program
    bool isWallTile() const { return wall != glm::uvec2(1, 1); }
};

Result<Options> parseArgs(std::span<const std::string_view> args);
Result<CameraSpec> parseCamera(std::string_view text);
std::string helpText();

}  // namespace pt::viewer
