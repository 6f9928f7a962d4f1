#pragma once
// The status overlay: frame pacing, GPU time per pass, the UI's own cost, device and scene
// numbers, the language switch and the help button.
#include <array>
#include <span>
#include <string>
#include <vector>

#include "gfx/gpu_timer.h"
#include "viewer/command.h"

namespace pt::viewer {

struct OverlayStats {
    std::string deviceName;
    std::string sceneTitle;
    uint32_t instances = 0;
    uint64_t triangles = 0;
    uint32_t validationErrors = 0;
    bool validation = false;
    std::vector<gfx::PassTime> gpuPasses;
    std::string dataStatus;  // live data source and layer; empty without live data
    bool chinese = false;
    CommandQueue* commands = nullptr;  // the language switch pushes a LanguageCommand
    bool* showHelp = nullptr;          // the help button toggles it
    // CPU milliseconds the previous frame spent building the UI (panels, labels) and recording
    // its draw; shown next to the frame time so its share is visible.
    float uiCpuMs = 0.0f;
};

// The UI's own cost per frame: CPU time to build it (ImGui's frame, labels, panels) and record
// its draw commands, plus the GPU time of its pass, against the whole frame. The first frames
// (loading, font upload) are left out. Main thread.
class UiCost {
public:
    void add(float cpuMs, std::span<const gfx::PassTime> gpuPasses, float frameMs);
    float recentCpuMs() const { return m_recentCpuMs; }  // smoothed, for the overlay
    size_t frames() const { return m_count; }
    // One line for logs and benchmarks: means per frame and the UI's share of the frame.
    std::string summary() const;

private:
    static constexpr size_t kWarmupFrames = 5;
    size_t m_seen = 0;
    size_t m_count = 0;
    double m_cpuMs = 0, m_gpuMs = 0, m_frameMs = 0;
    float m_recentCpuMs = 0;
};

class FrameTimeOverlay {
public:
    void addFrameTime(float milliseconds);
    // Builds the ImGui window for this frame (between ImGui::NewFrame and ImGui::Render).
    void draw(const OverlayStats& stats);

private:
    static constexpr size_t kHistory = 120;
    std::array<float, kHistory> m_frameMs{};
    size_t m_next = 0;
    size_t m_count = 0;
};

}  // namespace pt::viewer
