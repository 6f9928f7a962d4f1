#pragma once
// Geometry of one park's site as a GLB, in park-local coordinates: ground, green space, trees,
// roads around each building, the EV car park with its bays, and addressable nodes for
// service-scene entities: EV zones and chargers (`gm/ev/P1`, `gm/ev/P1/C07`), drone pads
// (`gm/pad/A1`), drones (`gm/drone/D01`) and cameras. Decorative nodes are named `<what>:<park>`
// (':' never occurs in entity ids).
#include "glb_writer.h"
#include "park/park_model.h"

namespace pt::tools {

GlbBuilder siteGlb(const park::Portfolio& portfolio, park::EntityIndex park);

}  // namespace pt::tools
