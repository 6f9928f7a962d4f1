#pragma once
// The command-line contract (kept stable; other features extend it):
//   parktwin [--scene FILE] [--screenshot PNG --frames N] [--size WxH] [--validate]
//   parktwin render --scene FILE --size WxH --out PNG [--camera EYE:TARGET] [--validate]
//   parktwin info --scene FILE [--json]
//   parktwin publish [--broker mqtt://HOST:PORT] [--data sim|replay:DIR] [--duration S]
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

enum class Subcommand { View, Render, Info, Publish, Help, Version };

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
};

Result<Options> parseArgs(std::span<const std::string_view> args);
Result<CameraSpec> parseCamera(std::string_view text);
std::string helpText();

}  // namespace pt::viewer
