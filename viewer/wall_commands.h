#pragma once
// What a video-wall follower does with the leader's state (docs/video-wall.md): the commands
// that bring it from the state it applied last to the newest one. Pure (header-only, so the
// viewer's unit tests check it without the program); called on the frame thread.
#include <vector>

#include "twin/video_wall.h"
#include "viewer/command.h"

namespace pt::viewer {

// `previous`: the state applied last (nullptr: none yet, so everything is applied). The camera
// comes every time; selection, floor mode, layer, time cursor and tour only when they changed,
// so a follower does not restart an explode animation or a tour every frame.
inline std::vector<Command> wallCommands(const twin::WallState* previous,
                                         const twin::WallState& now) {
    std::vector<Command> out;
    const bool first = previous == nullptr;
    if (first || previous->selected != now.selected) out.push_back(SelectCommand{now.selected});
    if (first || previous->floorMode != now.floorMode)
        out.push_back(FloorModeCommand{now.floorMode});
    if (!now.layer.empty() && (first || previous->layer != now.layer))
        out.push_back(LayerCommand{now.layer});
    // Playing moves the cursor every frame: only a change of mode or speed restarts it there.
    // A leader without live data (no layer) has no time cursor: the follower's is left alone.
    const bool timeChanged =
        !now.layer.empty() && (first || previous->timeMode != now.timeMode ||
                               (now.timeMode == "paused" && previous->timeMs != now.timeMs) ||
                               (now.timeMode == "playing" && previous->timeSpeed != now.timeSpeed));
    if (timeChanged) {
        if (now.timeMode == "live") {
            out.push_back(TimeCommand{.action = "live"});
        } else {
            out.push_back(TimeCommand{.action = "scrub", .timeMs = now.timeMs});
            if (now.timeMode == "playing")
                out.push_back(TimeCommand{.action = "play", .speed = now.timeSpeed});
        }
    }
    // The follower plays the same tour for its captions and presentation look; the leader's
    // camera, pushed after it every frame, decides where it looks.
    const bool wasPlaying = !first && previous->tourPlaying;
    if (now.tourPlaying && (!wasPlaying || previous->tour != now.tour))
        out.push_back(TourCommand{.action = "play", .tour = now.tour});
    if (!now.tourPlaying && wasPlaying) out.push_back(TourCommand{.action = "stop"});
    out.push_back(CameraCommand{now.eye, now.target, now.fovYDegrees});
    return out;
}

}  // namespace pt::viewer
