#pragma once
// This process's memory, for the control-room health readout (/api/v1/state) and the kiosk soak
// test that proves days of running do not grow it. Linux (/proc/self/status); any thread.
#include <cstdint>
#include <optional>

namespace pt {

struct MemoryUsage {
    uint64_t residentKiB = 0;      // VmRSS: what the process holds in RAM now
    uint64_t peakResidentKiB = 0;  // VmHWM: the most it ever held
};

// nullopt where /proc is unavailable.
std::optional<MemoryUsage> memoryUsage();

}  // namespace pt
