#pragma once
// `parktwin export --tour FILE --size WxH --fps N --out tour.mp4`: renders a camera tour
// headless, frame by frame at t = frame / fps (the tour's actions applied as the viewer applies
// them), and pipes the raw frames to ffmpeg (libx264, yuv420p). A progress bar with an ETA goes
// to stderr. See docs/tours.md.
#include "viewer/cli.h"

namespace pt::viewer {

// Returns the process exit code (0 ok, 2 bad input or ffmpeg missing/failed, 3 validation).
int runExport(const Options& options);

}  // namespace pt::viewer
