#include "core/process_stats.h"

#include <cstdio>
#include <cstring>

namespace pt {

std::optional<MemoryUsage> memoryUsage() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return std::nullopt;
    MemoryUsage usage;
    bool found = false;
    char line[256];
    while (std::fgets(line, sizeof(line), f)) {
        unsigned long long kib = 0;
        if (std::sscanf(line, "VmRSS: %llu kB", &kib) == 1) {
            usage.residentKiB = kib;
            found = true;
        } else if (std::sscanf(line, "VmHWM: %llu kB", &kib) == 1) {
            usage.peakResidentKiB = kib;
        }
    }
    std::fclose(f);
    return found ? std::optional(usage) : std::nullopt;
}

}  // namespace pt
