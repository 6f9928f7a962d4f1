#pragma once
// Graphics pipelines for dynamic rendering, built from embedded SPIR-V. Pipelines and layouts
// are long-lived (created at start-up, destroyed at shutdown), so they are owned directly.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pt::gfx {

class Device;

enum class BlendMode { None, Alpha, PremultipliedAlpha };

struct GraphicsPipelineDesc {
    std::span<const uint32_t> vertexSpirv;
    std::span<const uint32_t> fragmentSpirv;  // empty: depth-only pipeline
    std::vector<VkVertexInputBindingDescription> vertexBindings;
    std::vector<VkVertexInputAttributeDescription> vertexAttributes;
    VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    VkCullModeFlags cullMode = VK_CULL_MODE_BACK_BIT;
    VkPolygonMode polygonMode = VK_POLYGON_MODE_FILL;
    bool depthTest = true;
    bool depthWrite = true;
    bool depthBias = false;  // slope-scaled bias, for shadow maps
    VkCompareOp depthCompare = VK_COMPARE_OP_GREATER_OR_EQUAL;  // reversed-Z
    BlendMode blend = BlendMode::None;
    std::vector<VkFormat> colorFormats;
    // Per colour attachment: false disables writes (e.g. the entity-id target for glass).
    std::vector<bool> colorWrite;
    VkFormat depthFormat = VK_FORMAT_UNDEFINED;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    std::string name;
};

class Pipeline {
public:
    Pipeline() = default;
    Pipeline(Device& device, const GraphicsPipelineDesc& desc);
    Pipeline(Pipeline&& other) noexcept;
    Pipeline& operator=(Pipeline&& other) noexcept;
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;
    ~Pipeline();

    VkPipeline handle() const { return m_pipeline; }

private:
    Device* m_device = nullptr;
    VkPipeline m_pipeline = VK_NULL_HANDLE;
};

// A pipeline layout plus its descriptor set layouts, retired together.
struct PipelineLayoutDesc {
    std::vector<std::vector<VkDescriptorSetLayoutBinding>> sets;
    uint32_t pushConstantBytes = 0;
    std::string name;
};

class PipelineLayout {
public:
    PipelineLayout() = default;
    PipelineLayout(Device& device, const PipelineLayoutDesc& desc);
    PipelineLayout(PipelineLayout&& other) noexcept;
    PipelineLayout& operator=(PipelineLayout&& other) noexcept;
    PipelineLayout(const PipelineLayout&) = delete;
    PipelineLayout& operator=(const PipelineLayout&) = delete;
    ~PipelineLayout();

    VkPipelineLayout handle() const { return m_layout; }
    VkDescriptorSetLayout setLayout(size_t set) const { return m_setLayouts[set]; }

private:
    void release();
    Device* m_device = nullptr;
    VkPipelineLayout m_layout = VK_NULL_HANDLE;
    std::vector<VkDescriptorSetLayout> m_setLayouts;
};

}  // namespace pt::gfx
