#pragma once
// Finds the floors of a building model: a pure function of the node tree (names, world bounds)
// and optional hints, so it is tested with synthetic trees. Tried in order:
//   1. IFC storeys: nodes named "IfcBuildingStorey_<n>.<name>_<guid>" by Assimp's IFC loader;
//   2. naming conventions: "L03", "Level 3", "3F", "F3", "Floor 3", "楼层3", "3层", "B1" (basement,
//      negative), matched on the highest node of each subtree; needs two or more distinct floors,
//      because one "F1"-like name is more likely a part name than a floor structure;
//   3. elevation bands: when hints give floor heights, the model is cut into horizontal bands
//      (for models without per-floor parts; the renderer clips to the bands).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "assets/imported_model.h"

namespace pt::assets {

enum class FloorSource : uint8_t { None, IfcStoreys, Naming, ElevationBands };

struct FloorHints {
    // Heights of the floors from the lowest up, in metres; the last one repeats to the top.
    // Empty: no elevation bands.
    std::vector<float> floorHeights;
    // Elevation of the ground floor's slab; NaN = the model's lowest point.
    float groundElevation = std::numeric_limits<float>::quiet_NaN();
};

struct DetectedFloor {
    int number = 0;       // as named: 1 = "L1"/"1F", -1 = "B1"; IFC/bands count up from 1
    std::string name;     // storey or node name; "Floor <n>" for bands
    float elevation = 0;  // metres, Y-up, of the floor's lowest point / slab
    float height = 0;     // metres, to the next floor (top floor: to its highest point)
    // Nodes whose whole subtree belongs to the floor (IFC/naming); for bands, the nodes with
    // meshes that reach into the band (a node can then belong to several floors).
    std::vector<uint32_t> nodes;
};

struct FloorDetection {
    FloorSource source = FloorSource::None;
    std::vector<DetectedFloor> floors;  // sorted by elevation, lowest first
};

FloorDetection detectFloors(const ImportedModel& model, const FloorHints& hints = {});

// The floor number a node name denotes by convention, if any (exposed for tests and for the
// park manifest's own floor names).
std::optional<int> floorNumberFromName(const std::string& name);

}  // namespace pt::assets
