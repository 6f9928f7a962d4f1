#pragma once
// `parktwin info`: loads a scene (no GPU rendering) and prints the park tree with floors,
// unit counts, zones and devices, model statistics, warnings and load time.
#include "viewer/cli.h"

namespace pt::viewer {

int runInfo(const Options& options);

}  // namespace pt::viewer
