#include "gfx/pipeline.h"

#include <utility>

#include "gfx/device.h"
#include "gfx/vk_check.h"

namespace pt::gfx {
namespace {

VkShaderModule createModule(VkDevice device, std::span<const uint32_t> spirv) {
    const VkShaderModuleCreateInfo info{.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
                                        .codeSize = spirv.size_bytes(),
                                        .pCode = spirv.data()};
    VkShaderModule module;
    PT_VK_CHECK(vkCreateShaderModule(device, &info, nullptr, &module));
    return module;
}

VkPipelineColorBlendAttachmentState blendState(BlendMode mode, bool write) {
    VkPipelineColorBlendAttachmentState s{
        .colorWriteMask =
            write ? VkColorComponentFlags(VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                          VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT)
                  : 0};
    if (mode == BlendMode::None) return s;
    s.blendEnable = VK_TRUE;
    s.srcColorBlendFactor =
        mode == BlendMode::Alpha ? VK_BLEND_FACTOR_SRC_ALPHA : VK_BLEND_FACTOR_ONE;
    s.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    s.colorBlendOp = VK_BLEND_OP_ADD;
    s.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    s.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    s.alphaBlendOp = VK_BLEND_OP_ADD;
    return s;
}

}  // namespace

Pipeline::Pipeline(Device& device, const GraphicsPipelineDesc& d) : m_device(&device) {
    const VkDevice vk = device.handle();
    const VkShaderModule vs = createModule(vk, d.vertexSpirv);
    const bool hasFragment = !d.fragmentSpirv.empty();
    const VkShaderModule fs = hasFragment ? createModule(vk, d.fragmentSpirv) : VK_NULL_HANDLE;
    const VkPipelineShaderStageCreateInfo stages[] = {
        {.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
         .stage = VK_SHADER_STAGE_VERTEX_BIT,
         .module = vs,
         .pName = "main"},
        {.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
         .stage = VK_SHADER_STAGE_FRAGMENT_BIT,
         .module = fs,
         .pName = "main"}};
    const VkPipelineVertexInputStateCreateInfo vertexInput{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO,
        .vertexBindingDescriptionCount = uint32_t(d.vertexBindings.size()),
        .pVertexBindingDescriptions = d.vertexBindings.data(),
        .vertexAttributeDescriptionCount = uint32_t(d.vertexAttributes.size()),
        .pVertexAttributeDescriptions = d.vertexAttributes.data()};
    const VkPipelineInputAssemblyStateCreateInfo inputAssembly{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO,
        .topology = d.topology};
    const VkPipelineViewportStateCreateInfo viewport{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO,
        .viewportCount = 1,
        .scissorCount = 1};
    const VkPipelineRasterizationStateCreateInfo raster{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO,
        .polygonMode = d.polygonMode,
        .cullMode = d.cullMode,
        .frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE,
        .depthBiasEnable = d.depthBias,
        .depthBiasConstantFactor = d.depthBias ? 2.0f : 0.0f,
        .depthBiasSlopeFactor = d.depthBias ? 2.5f : 0.0f,
        .lineWidth = 1.0f};
    const VkPipelineMultisampleStateCreateInfo multisample{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO,
        .rasterizationSamples = d.samples};
    const VkPipelineDepthStencilStateCreateInfo depth{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO,
        .depthTestEnable = d.depthTest,
        .depthWriteEnable = d.depthWrite,
        .depthCompareOp = d.depthCompare};
    std::vector<VkPipelineColorBlendAttachmentState> attachments;
    for (size_t i = 0; i < d.colorFormats.size(); ++i)
        attachments.push_back(blendState(i == 0 ? d.blend : BlendMode::None,
                                         i < d.colorWrite.size() ? d.colorWrite[i] : true));
    const VkPipelineColorBlendStateCreateInfo blend{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO,
        .attachmentCount = uint32_t(attachments.size()),
        .pAttachments = attachments.data()};
    const VkDynamicState dynamicStates[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
    const VkPipelineDynamicStateCreateInfo dynamic{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO,
        .dynamicStateCount = 2,
        .pDynamicStates = dynamicStates};
    const VkPipelineRenderingCreateInfo rendering{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO,
        .colorAttachmentCount = uint32_t(d.colorFormats.size()),
        .pColorAttachmentFormats = d.colorFormats.data(),
        .depthAttachmentFormat = d.depthFormat};
    const VkGraphicsPipelineCreateInfo info{
        .sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO,
        .pNext = &rendering,
        .stageCount = hasFragment ? 2u : 1u,
        .pStages = stages,
        .pVertexInputState = &vertexInput,
        .pInputAssemblyState = &inputAssembly,
        .pViewportState = &viewport,
        .pRasterizationState = &raster,
        .pMultisampleState = &multisample,
        .pDepthStencilState = &depth,
        .pColorBlendState = &blend,
        .pDynamicState = &dynamic,
        .layout = d.layout};
    PT_VK_CHECK(vkCreateGraphicsPipelines(vk, VK_NULL_HANDLE, 1, &info, nullptr, &m_pipeline));
    vkDestroyShaderModule(vk, vs, nullptr);
    if (fs != VK_NULL_HANDLE) vkDestroyShaderModule(vk, fs, nullptr);
    device.setName(VK_OBJECT_TYPE_PIPELINE, m_pipeline, d.name);
}

Pipeline::Pipeline(Pipeline&& other) noexcept {
    *this = std::move(other);
}

Pipeline& Pipeline::operator=(Pipeline&& other) noexcept {
    std::swap(m_device, other.m_device);
    std::swap(m_pipeline, other.m_pipeline);
    return *this;
}

Pipeline::~Pipeline() {
    if (m_pipeline == VK_NULL_HANDLE) return;
    Device* device = m_device;
    device->retire([device, p = m_pipeline] { vkDestroyPipeline(device->handle(), p, nullptr); });
}

PipelineLayout::PipelineLayout(Device& device, const PipelineLayoutDesc& desc) : m_device(&device) {
    const VkDevice vk = device.handle();
    for (size_t i = 0; i < desc.sets.size(); ++i) {
        const VkDescriptorSetLayoutCreateInfo info{
            .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
            .bindingCount = uint32_t(desc.sets[i].size()),
            .pBindings = desc.sets[i].data()};
        VkDescriptorSetLayout layout;
        PT_VK_CHECK(vkCreateDescriptorSetLayout(vk, &info, nullptr, &layout));
        device.setName(VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, layout,
                       desc.name + " set " + std::to_string(i));
        m_setLayouts.push_back(layout);
    }
    const VkPushConstantRange push{
        .stageFlags = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
        .size = desc.pushConstantBytes};
    const VkPipelineLayoutCreateInfo info{
        .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
        .setLayoutCount = uint32_t(m_setLayouts.size()),
        .pSetLayouts = m_setLayouts.data(),
        .pushConstantRangeCount = desc.pushConstantBytes ? 1u : 0u,
        .pPushConstantRanges = &push};
    PT_VK_CHECK(vkCreatePipelineLayout(vk, &info, nullptr, &m_layout));
    device.setName(VK_OBJECT_TYPE_PIPELINE_LAYOUT, m_layout, desc.name);
}

PipelineLayout::PipelineLayout(PipelineLayout&& other) noexcept {
    *this = std::move(other);
}

PipelineLayout& PipelineLayout::operator=(PipelineLayout&& other) noexcept {
    std::swap(m_device, other.m_device);
    std::swap(m_layout, other.m_layout);
    std::swap(m_setLayouts, other.m_setLayouts);
    return *this;
}

PipelineLayout::~PipelineLayout() {
    release();
}

void PipelineLayout::release() {
    if (m_layout == VK_NULL_HANDLE) return;
    Device* device = m_device;
    device->retire([device, layout = m_layout, sets = m_setLayouts] {
        vkDestroyPipelineLayout(device->handle(), layout, nullptr);
        for (auto s : sets)
            vkDestroyDescriptorSetLayout(device->handle(), s, nullptr);
    });
    m_layout = VK_NULL_HANDLE;
}

}  // namespace pt::gfx
