#pragma once
// Geometry of one demo building as a GLB, in building-local coordinates (origin at the centre
// of the ground-floor plate, y-up, metres); the manifest's transform places it in the park.
//
// Node tree, named by entity id so the renderer can address each part:
//   gm/A3                  roof, parapet, roof plant, loading docks, ramp, canopy
//   ├─ gm/A3/F1            slab, columns, cores with freight-lift doors, facade (translation y =
//   elevation) │  ├─ gm/A3/F1/U101    the unit's interior volume (what gets recoloured)
//   ...
#include "glb_writer.h"
#include "park/park_model.h"

namespace pt::tools {

GlbBuilder buildingGlb(const park::Portfolio& portfolio, park::EntityIndex building);

}  // namespace pt::tools
