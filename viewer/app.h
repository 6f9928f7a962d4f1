#pragma once
// The windowed viewer: GLFW window, swapchain, renderer, Dear ImGui overlay and orbit camera.
#include "viewer/cli.h"

namespace pt::viewer {

// Runs until the window closes (or `options.frames` frames); returns the process exit code.
int runViewer(const Options& options);

}  // namespace pt::viewer
