#pragma once
// `parktwin render`: one frame, no window, no display; writes a PNG.
#include "viewer/cli.h"

namespace pt::viewer {

// Returns the process exit code (0 ok, 2 bad input, 3 validation errors).
int runHeadlessRender(const Options& options);

}  // namespace pt::viewer
