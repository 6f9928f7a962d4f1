#pragma once
// The frame-time overlay: frame pacing, GPU time per pass, device and scene numbers.
#include <array>
#include <string>
#include <vector>

#include "gfx/gpu_timer.h"

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
