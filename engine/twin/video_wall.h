#pragma once
// Video walls and tiled images: the pure maths behind `--wall COLSxROWS --tile C,R --bezel PX`
// (parsed in viewer/cli.cpp) and behind `parktwin render` of images larger than one GPU image, plus
// the state message a wall's leader publishes to its followers (docs/video-wall.md). No Vulkan, no
// clock; any thread.
//
// The virtual display is the picture the whole wall shows, in pixels. Each tile shows a
// rectangle of it; with bezels, the pixels behind a monitor's frame belong to the virtual
// display but are shown by no tile, so a line crossing the wall stays straight across frames.
// A tile's rectangle becomes the camera's sub-rectangle (render::Camera::subRect, an off-axis
// frustum), so every tile renders with the projection of the one large image.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"

namespace pt::twin {

struct WallLayout {
    uint32_t columns = 1;
    uint32_t rows = 1;
    // Hidden pixels between neighbouring tiles' pictures: the two monitors' frames measured in
    // the tiles' own pixel pitch (e.g. 2 x 6 mm of bezel at 0.3 mm per pixel = 40 pixels).
    uint32_t bezelX = 0;  // between columns
    uint32_t bezelY = 0;  // between rows
};

struct PixelRect {
    uint32_t x = 0, y = 0;
    uint32_t width = 0, height = 0;
    bool operator==(const PixelRect&) const = default;
};

// The virtual display for tiles of `tileSize` pixels: all tiles plus the bezel gaps.
glm::uvec2 virtualSize(const WallLayout& layout, glm::uvec2 tileSize);
// Where tile (column, row) sits in the virtual display (row 0 at the top).
PixelRect tileRect(const WallLayout& layout, glm::uvec2 tile, glm::uvec2 tileSize);
// `rect` as fractions of an image of `size` pixels: (x0, y0, x1, y1), y down; the form of
// render::Camera::subRect.
glm::vec4 subRectOf(const PixelRect& rect, glm::uvec2 size);

// Splits an image of `size` pixels into columns x rows tiles with no gaps, the widths (heights)
// differing by at most one pixel; row-major, top-left first. For tiled screenshots.
std::vector<PixelRect> splitImage(glm::uvec2 size, uint32_t columns, uint32_t rows);
// The fewest columns and rows whose tiles are at most `maxSide` pixels on each side.
glm::uvec2 tilesNeeded(glm::uvec2 size, uint32_t maxSide);

// What the leader publishes every frame on wallStateTopic(wallId) (QoS 0, retained) and the
// followers apply through their command queue. Ids and names, never entity indices, so a
// follower with the same park resolves them itself.
struct WallState {
    uint64_t sequence = 0;  // the leader's frame counter: followers drop older messages
    glm::vec3 eye{0.0f};
    glm::vec3 target{0.0f};
    float fovYDegrees = 45.0f;
    std::string selected;  // entity id; empty: nothing selected
    std::string floorMode = "none";
    std::string layer;              // empty: no live data
    std::string timeMode = "live";  // live|paused|playing (the time cursor)
    int64_t timeMs = 0;             // the cursor while paused or playing
    double timeSpeed = 1.0;         // playing: x real time
    std::string tour;               // the tour file playing; empty: none
    bool tourPlaying = false;
    float tourSeconds = 0.0f;  // where the leader's tour is
    bool operator==(const WallState&) const = default;
};

// parktwin/wall/v1/<wallId>/state: beside the telemetry namespace parktwin/v1/<entity>/<channel>
// (docs/data.md), not in it, so viewers subscribed to parktwin/v1/# never parse wall messages as
// telemetry and no entity id can collide with a wall. The command line allows only letters,
// digits, '-' and '_' in the id, so it cannot add topic levels or wildcards.
std::string wallStateTopic(std::string_view wallId);
std::string encodeWallState(const WallState& state);
// Errors name the field, e.g. "wall state: \"eye\" must be an array of 3 numbers".
Result<WallState> decodeWallState(std::string_view json);

}  // namespace pt::twin
