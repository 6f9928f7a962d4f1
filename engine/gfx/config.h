#pragma once
// Engine-wide GPU constants, each with the reason for its value.
#include <cstdint>

namespace pt::gfx {

// Two frames in flight: the CPU records frame N+1 while the GPU draws frame N. A third frame
// adds latency for a control-room wall without adding throughput on a CPU renderer.
inline constexpr uint32_t kMaxFramesInFlight = 2;

// Device-local memory is carved out of blocks this large: few vkAllocateMemory calls (the limit
// is often 4096 allocations) and little waste for a park of a few hundred MiB.
inline constexpr uint64_t kMemoryBlockSize = 64ull << 20;

// Per-frame host-visible upload space (instance data, entity state, UI vertices). Grows on
// demand; 8 MiB covers 100k entity states and a busy UI frame.
inline constexpr uint64_t kUploadArenaSize = 8ull << 20;

// Timestamp queries per frame: two per measured pass; 32 passes is far more than we have.
inline constexpr uint32_t kMaxTimestampQueries = 64;

// Descriptor sets allocated per frame (reset when the frame slot comes round again).
inline constexpr uint32_t kDescriptorSetsPerFrame = 256;

}  // namespace pt::gfx
