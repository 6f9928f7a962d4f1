#pragma once
// The tour recorder (R): builds a camera tour from the live view. "Add keyframe" captures the
// camera and, when asked, the current selection, floor mode, layer and time of day as actions of
// that keyframe; captions (en/zh), dwell and travel are edited in place; Save writes
// <tours dir>/<name>.json (docs/tours.md) and Play runs it through the command queue.
// Dear ImGui, main thread.
#include <filesystem>
#include <string>

#include "viewer/command.h"
#include "viewer/tour.h"

namespace pt::viewer {

// What "Add keyframe" captures.
struct RecorderSnapshot {
    TourCamera camera;
    std::string selected;   // entity id or empty
    std::string floorMode;  // none|isolate|...
    std::string layer;      // the data layer or empty
    std::string timeOfDay;  // HH:MM or empty
};

class TourRecorderPanel {
public:
    explicit TourRecorderPanel(std::filesystem::path toursDir);
    bool& open() { return m_open; }
    // Draws the panel when open; pushes Play through `commands`.
    void draw(const RecorderSnapshot& now, CommandQueue& commands, bool chinese);
    // The K key: adds a keyframe while the panel is open.
    void addKeyframe(const RecorderSnapshot& now);
    size_t keyframes() const { return m_recorder.tour().keyframes.size(); }

private:
    void save();

    std::filesystem::path m_toursDir;
    TourRecorder m_recorder{"my-tour", "My tour"};
    bool m_open = false;
    bool m_captureState = true;
    char m_name[64] = "my-tour";
    char m_title[128] = "My tour";
    char m_caption[256] = "";
    char m_captionZh[256] = "";
    std::string m_status;
};

}  // namespace pt::viewer
