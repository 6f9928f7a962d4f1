#pragma once
// Lighting for a local time of day: sun position for a park at about 22.5° N (Shenzhen) in late
// autumn, warm low sun at dusk, and night with a dim moon, dark sky and lit windows. Model
// convention: +X east, -Z north, +Y up. Pure function; tests pin its key hours.
#include "render/lighting.h"

namespace pt::render {

// `hours` in 0..24 local time, e.g. 17.5 for 17:30.
Lighting lightingAt(float hours);

// Sun elevation above the horizon in degrees at `hours` (negative at night).
float sunElevationDegrees(float hours);

}  // namespace pt::render
