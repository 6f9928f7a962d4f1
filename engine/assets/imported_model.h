#pragma once
// The result of importing one model file: plain data, no Vulkan, no Assimp types. Everything is
// in Y-up metres (see ImportedModel::unitScale / upAxisConverted / rebaseOffset for what was done
// to get there). Indices between the arrays (Mesh::material, Node::meshes, Material texture
// slots) have been checked by the importer: they are either valid or kNone.
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

namespace pt::assets {

inline constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// Axis-aligned box; empty (min > max) until something is added.
struct Bounds {
    glm::vec3 min{std::numeric_limits<float>::max()};
    glm::vec3 max{std::numeric_limits<float>::lowest()};

    bool empty() const { return min.x > max.x || min.y > max.y || min.z > max.z; }
    void add(const glm::vec3& p) {
        min = glm::min(min, p);
        max = glm::max(max, p);
    }
    void add(const Bounds& other) {
        if (other.empty()) return;
        add(other.min);
        add(other.max);
    }
    glm::vec3 size() const { return empty() ? glm::vec3(0.0f) : max - min; }
    glm::vec3 center() const { return empty() ? glm::vec3(0.0f) : (min + max) * 0.5f; }
};

// One triangle list with one material. Vertex attributes are parallel arrays of equal length
// (tangents empty unless requested); every index is < positions.size(); normals are unit length.
struct Mesh {
    std::string name;
    std::vector<glm::vec3> positions;
    std::vector<glm::vec3> normals;
    std::vector<glm::vec2> uv0;       // empty if the source had none; (0,0) = first image row
    std::vector<glm::vec4> tangents;  // xyz tangent, w = bitangent sign
    std::vector<uint32_t> indices;    // three per triangle
    uint32_t material = kNone;
    Bounds localBounds;  // in the mesh's own (node-relative) space

    size_t triangleCount() const { return indices.size() / 3; }
};

enum class AlphaMode : uint8_t { Opaque, Mask, Blend };

// Metallic-roughness PBR parameters; texture slots index ImportedModel::textures or are kNone.
struct Material {
    std::string name;
    glm::vec4 baseColorFactor{1.0f};
    float metallic = 0.0f;
    float roughness = 1.0f;
    glm::vec3 emissive{0.0f};
    AlphaMode alphaMode = AlphaMode::Opaque;
    float alphaCutoff = 0.5f;
    bool doubleSided = false;
    uint32_t baseColorTexture = kNone;
    uint32_t metallicRoughnessTexture = kNone;
    uint32_t normalTexture = kNone;
    uint32_t emissiveTexture = kNone;
    uint32_t occlusionTexture = kNone;
};

// A decoded image: width * height * 4 bytes of RGBA8, first row at the top.
struct Texture {
    std::string source;  // file path as written in the model, or "*N" for embedded image N
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> pixels;
    bool srgb = false;  // colour data (base colour, emissive) as opposed to linear data
};

// One node of the scene graph. worldTransform already contains the unit/up-axis normalisation
// and the rebase offset; worldBounds covers this node's own meshes only (not its children).
struct Node {
    std::string name;
    uint32_t parent = kNone;
    std::vector<uint32_t> children;
    glm::mat4 localTransform{1.0f};
    glm::mat4 worldTransform{1.0f};
    std::vector<uint32_t> meshes;
    std::vector<std::pair<std::string, std::string>> metadata;  // from aiMetadata, as text
    Bounds worldBounds;
};

// A camera from the file, offered as a viewpoint. It looks down its node's -Z axis.
struct Camera {
    std::string name;
    uint32_t node = kNone;
    float verticalFovRadians = 0.8f;
    float aspect = 0.0f;  // 0 = use the viewport's
    float zNear = 0.1f;
    float zFar = 1000.0f;
};

// Node 0 is the root. Owned by value; nothing in it points into another object.
struct ImportedModel {
    std::filesystem::path sourcePath;
    std::vector<Mesh> meshes;
    std::vector<Material> materials;
    std::vector<Texture> textures;
    std::vector<Node> nodes;
    std::vector<Camera> cameras;
    Bounds worldBounds;
    uint64_t triangleCount = 0;
    // What was done to reach Y-up metres: source units were multiplied by unitScale, a Z-up
    // source was rotated, and rebaseOffset was subtracted (original = current + rebaseOffset).
    float unitScale = 1.0f;
    bool upAxisConverted = false;
    glm::dvec3 rebaseOffset{0.0};
    // Things that were dropped or repaired, each naming the file and what was wrong.
    std::vector<std::string> warnings;
};

}  // namespace pt::assets
