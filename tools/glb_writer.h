#pragma once
// A minimal glTF 2.0 binary (GLB) writer for generated geometry: one JSON chunk (nlohmann) and
// one BIN chunk. Supports what the demo park needs: a flat node hierarchy with names (entity
// ids), one mesh per node made of triangle primitives (positions, normals, 32-bit indices), and
// metallic-roughness materials with emissive and BLEND alpha for glass. Y-up, metres.
// Single-threaded; a GlbBuilder owns its buffers until write().
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "core/result.h"

namespace pt::tools {

struct GlbMaterial {
    std::string name;
    glm::vec4 baseColor{1.0f};  // linear RGBA; alpha < 1 with `blend` for glass
    float metallic = 0.0f;
    float roughness = 0.8f;
    glm::vec3 emissive{0.0f};
    bool blend = false;
    bool doubleSided = false;
};

// Triangles for one material, in the node's local frame.
struct GlbPrimitive {
    std::uint32_t material = 0;
    std::vector<glm::vec3> positions;
    std::vector<glm::vec3> normals;
    std::vector<std::uint32_t> indices;
};

struct GlbNode {
    std::string name;
    glm::vec3 translation{0.0f};
    std::vector<GlbPrimitive> primitives;  // empty: a pure grouping node
    std::vector<std::uint32_t> children;   // node indices
};

class GlbBuilder {
public:
    std::uint32_t addMaterial(GlbMaterial material);
    std::uint32_t addNode(GlbNode node);  // returns its index
    GlbNode& node(std::uint32_t index) { return m_nodes[index]; }
    // Scene roots; nodes that are nobody's child should be listed here.
    void addRoot(std::uint32_t node) { m_roots.push_back(node); }
    std::size_t triangleCount() const;

    // The complete GLB file. Deterministic: same input -> same bytes.
    std::vector<std::byte> build() const;
    Result<void> write(const std::filesystem::path& path) const;

private:
    std::vector<GlbMaterial> m_materials;
    std::vector<GlbNode> m_nodes;
    std::vector<std::uint32_t> m_roots;
};

// Reads back the JSON chunk of a GLB (for tests and tools); checks magic, version and lengths.
Result<std::string> readGlbJson(const std::vector<std::byte>& bytes);

}  // namespace pt::tools
