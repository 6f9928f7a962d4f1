#pragma once
// Adapter from the park model (pt::park::Portfolio) to the simulator's plain description
// (SimPark), and registration of the model's static facts with a TelemetryStore. The only place
// in pt::data that knows the park model; the simulator itself stays independent of it.
#include "data/simulator.h"
#include "data/telemetry_store.h"
#include "park/park_model.h"

namespace pt::data {

// Every Unit becomes a SimUnit: capacity from the model (else one person per 10 m^2 of area,
// else 20), use from its building, lease status as is, peak power from the area (0.15 kW/m^2 for
// factories, 0.05 elsewhere; 40 kW without an area), 24/7 production for semiconductor tenants
// (industry naming 半导体 / 集成电路 / semiconductor). Devices of kind Charger become chargers
// (22 kW AC; every sixth a 60 kW DC fast charger), Zones of kind DronePad become pads,
// DroneCorridors whose two ends are over pads of their park become routes between them, Devices
// of kind Drone become drones homed on the nearest pad of their park.
//
// Coordinates: the model is y-up (glTF), the simulator's poses are z-up with heading measured
// clockwise from +y ("north"). A park-local model point (x, y, z) becomes (x, -z, y): the
// model's -Z is north, and the transform is a rotation, so handedness is kept. Callers that draw
// drone poses in the model's frame map back with (x, y, z) -> (x, z, -y).
SimPark simParkFromPortfolio(const park::Portfolio& portfolio, int utcOffsetMinutes = 8 * 60);

// Registers every entity of the portfolio (so the id tree is complete before any data arrives)
// and, for units, the capacity (when known) and the lease state with the area.
void registerPortfolio(const park::Portfolio& portfolio, TelemetryStore& store);

// The model's y-up park-local point in the simulator's z-up frame, see above.
glm::vec3 simPointFromModel(const glm::vec3& modelPoint);

}  // namespace pt::data
