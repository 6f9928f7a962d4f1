#include <catch2/catch.hpp>

#include "gfx/buffer.h"
#include "gfx/config.h"
#include "gfx/device.h"
#include "gfx/instance.h"
#include "gpu_fixture.h"

using namespace pt;

TEST_CASE("The validation callback is live: a deliberate error is counted", "[gpu][validation]") {
    auto instance = gfx::Instance::create({.validation = true});
    REQUIRE(instance.ok());
    auto device = gfx::Device::create(*instance, {});
    REQUIRE(device.ok());
    CHECK(instance->validation().errors == 0);
    // A zero-sized buffer violates VUID-VkBufferCreateInfo-size-00912.
    const VkBufferCreateInfo info{.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
                                  .size = 0,
                                  .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT};
    VkBuffer buffer = VK_NULL_HANDLE;
    vkCreateBuffer((*device)->handle(), &info, nullptr, &buffer);
    if (buffer != VK_NULL_HANDLE) vkDestroyBuffer((*device)->handle(), buffer, nullptr);
    CHECK(instance->validation().errors >= 1);
}

TEST_CASE("Device selection accepts a CPU device and names it", "[gpu]") {
    test::GpuFixture gpu;
    CHECK_FALSE(gpu.device().name().empty());
    CHECK(gpu.ctx().instance.validationEnabled());
    // lavapipe is what every test machine has; a GPU machine would pick its GPU instead.
    INFO("device: " << gpu.device().name());
    CHECK(gpu.device().properties().apiVersion >= VK_API_VERSION_1_3);
}

TEST_CASE("Suballocations share blocks and coalesce when freed", "[gpu][memory]") {
    test::GpuFixture gpu;
    gfx::Allocator& alloc = gpu.device().allocator();
    const gfx::MemoryStats before = alloc.stats();
    {
        std::vector<gfx::Buffer> buffers;
        for (int i = 0; i < 64; ++i)
            buffers.push_back(
                gfx::Buffer::create(gpu.device(), {.size = 64 * 1024,
                                                   .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                                                   .name = "test buffer"}));
        const gfx::MemoryStats during = alloc.stats();
        CHECK(during.liveAllocations == before.liveAllocations + 64);
        CHECK(during.usedBytes >= before.usedBytes + 64 * 64 * 1024);
        // 4 MiB of buffers fit into one 64 MiB block: at most one new device allocation.
        CHECK(during.deviceAllocations <= before.deviceAllocations + 1);
    }
    gpu.device().collectRetired(UINT64_MAX);  // nothing is in flight in this test
    const gfx::MemoryStats after = alloc.stats();
    CHECK(after.liveAllocations == before.liveAllocations);
    CHECK(after.usedBytes == before.usedBytes);
    // After coalescing, one allocation the size of all 64 fits where they were.
    gfx::Buffer big = gfx::Buffer::create(
        gpu.device(),
        {.size = 64 * 64 * 1024, .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, .name = "big"});
    CHECK(alloc.stats().deviceAllocations == after.deviceAllocations);
}

TEST_CASE("A buffer dropped in frame N is destroyed only after frame N retires", "[gpu][frames]") {
    test::GpuFixture gpu;
    gfx::FrameRing& ring = *gpu.ctx().frames;
    gfx::Allocator& alloc = gpu.device().allocator();
    gfx::FrameData& first = ring.beginFrame();
    const uint32_t live = alloc.stats().liveAllocations;
    {
        gfx::Buffer b = gfx::Buffer::create(
            gpu.device(),
            {.size = 4096, .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT, .name = "dropped"});
        vkCmdFillBuffer(first.cmd, b.handle(), 0, 4096, 0x12345678);
    }  // dropped while frame `first` still uses it
    CHECK(alloc.stats().liveAllocations == live + 1);
    ring.submit(first);
    // The next kMaxFramesInFlight - 1 frames use other slots: the buffer must survive them.
    for (uint32_t i = 1; i < gfx::kMaxFramesInFlight; ++i) {
        ring.submit(ring.beginFrame());
        CHECK(alloc.stats().liveAllocations == live + 1);
    }
    // Coming back to `first`'s slot waits for it; then the buffer goes.
    ring.submit(ring.beginFrame());
    CHECK(alloc.stats().liveAllocations == live);
}

TEST_CASE("GPU timestamps report per-pass time once a slot comes round", "[gpu][timer]") {
    test::GpuFixture gpu;
    if (gpu.device().timestampPeriodNs() <= 0) FAIL("device reports no timestamps");
    gfx::FrameRing& ring = *gpu.ctx().frames;
    gfx::Buffer b = gfx::Buffer::create(
        gpu.device(),
        {.size = 1 << 20, .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT, .name = "timed"});
    for (uint32_t i = 0; i <= gfx::kMaxFramesInFlight; ++i) {
        gfx::FrameData& f = ring.beginFrame();
        if (i == gfx::kMaxFramesInFlight) {
            REQUIRE(f.timer.results().size() == 1);
            CHECK(f.timer.results()[0].name == "fill");
            CHECK(f.timer.results()[0].milliseconds >= 0.0);
        }
        f.timer.begin(f.cmd, "fill");
        vkCmdFillBuffer(f.cmd, b.handle(), 0, VK_WHOLE_SIZE, 0);
        f.timer.end(f.cmd);
        ring.submit(f);
    }
}
