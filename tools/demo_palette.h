#pragma once
// The demo park's materials, added once per GLB so every file is self-contained.
#include <cstdint>

#include "glb_writer.h"
#include "park/park_model.h"

namespace pt::tools {

struct DemoPalette {
    std::uint32_t concrete, core, spandrel, glass, mullion, unit, roof, equipment, dock, door,
        canopy, asphalt, marking, grass, paving, trunk, foliage, pad, padMarking, charger,
        droneBody, camera;
};

// Facade colours vary by building use (blue-grey factories, warm dormitories...), so a viewer
// tells building types apart at a glance.
DemoPalette addDemoPalette(GlbBuilder& glb, park::BuildingUse use);

}  // namespace pt::tools
