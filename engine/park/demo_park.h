#pragma once
// The demo portfolio, generated deterministically from a seed: two parks (gm 光明, ls 龙岗) of
// multi-storey factory buildings ("industry upstairs"), an R&D tower, dormitories and canteens,
// about 2,000 units with CN/EN tenants from Shenzhen's "20+8" industries, rooftop drone pads and
// corridors, a no-fly volume, an EV car park with chargers, and drones.
//
// Same seed -> identical Portfolio on every machine: the generator uses its own RNG (SplitMix64)
// and its own integer->float mapping, never <random> distributions, whose output the standard
// leaves to the library. The geometry (tools/generate_demo_park) is derived from this model.
#include <cstdint>
#include <string>

#include "park/park_model.h"

namespace pt::park {

// Layout conventions shared by the model and the geometry generator, in building-local metres.
// Floor plates are rectangles centred on the origin, long side along X. Units sit in two rows
// (z < 0 and z > 0) either side of a central corridor; the cores (stairs, freight lifts) take
// the plate's two X ends.
inline constexpr float kDemoCoreLength = 9.0f;     // along X, at each end of the plate
inline constexpr float kDemoCorridorWidth = 3.0f;  // along Z, between the two unit rows

// Deterministic pseudo-random numbers (SplitMix64): portable, fast, good enough for layout.
class DemoRng {
public:
    explicit DemoRng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    // Uniform in [0, 1), from the top 53 bits.
    double unit();
    // Uniform integer in [lo, hi], inclusive.
    int range(int lo, int hi);
    float range(float lo, float hi) { return lo + float(unit()) * (hi - lo); }
    bool chance(double p) { return unit() < p; }

private:
    std::uint64_t m_state;
};

// Builds the demo portfolio. Model paths point at `models/<park>_<building>.glb` and
// `models/<park>_site.glb` (what tools/generate_demo_park writes next to manifest.json).
Portfolio makeDemoPortfolio(std::uint64_t seed);

// The model file name for a building or park site, e.g. "models/gm_A3.glb".
std::string demoModelPath(std::string_view entityId);

// A plausible tenant: name (CN or EN) and its "20+8" industry; used by makeDemoPortfolio.
struct DemoTenant {
    std::string name;
    std::string industry;
};
DemoTenant makeDemoTenant(DemoRng& rng);

}  // namespace pt::park
