#include "glb_writer.h"

#include <algorithm>
#include <cstring>

#include <glm/common.hpp>

#include <nlohmann/json.hpp>

#include "core/file_io.h"

namespace pt::tools {

using nlohmann::json;

namespace {

constexpr std::uint32_t kGlbMagic = 0x46546C67;   // "glTF"
constexpr std::uint32_t kChunkJson = 0x4E4F534A;  // "JSON"
constexpr std::uint32_t kChunkBin = 0x004E4942;   // "BIN\0"
constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;
constexpr int kFloat = 5126, kUnsignedInt = 5125;

void appendU32(std::vector<std::byte>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        out.push_back(std::byte((v >> (8 * i)) & 0xFF));
}

std::uint32_t readU32(const std::vector<std::byte>& in, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= std::uint32_t(in[at + i]) << (8 * i);
    return v;
}

// Appends raw data to the BIN chunk (4-byte aligned, as glTF requires) and a bufferView for it.
std::uint32_t addView(std::vector<std::byte>& bin, json& views, const void* data, std::size_t bytes,
                      int target) {
    while (bin.size() % 4 != 0)
        bin.push_back(std::byte{0});
    const std::size_t offset = bin.size();
    bin.resize(offset + bytes);
    std::memcpy(bin.data() + offset, data, bytes);
    views.push_back(
        {{"buffer", 0}, {"byteOffset", offset}, {"byteLength", bytes}, {"target", target}});
    return std::uint32_t(views.size() - 1);
}

json materialJson(const GlbMaterial& m) {
    json pbr{{"baseColorFactor", {m.baseColor.r, m.baseColor.g, m.baseColor.b, m.baseColor.a}},
             {"metallicFactor", m.metallic},
             {"roughnessFactor", m.roughness}};
    json out{{"name", m.name}, {"pbrMetallicRoughness", pbr}};
    if (m.emissive != glm::vec3(0.0f))
        out["emissiveFactor"] = {m.emissive.r, m.emissive.g, m.emissive.b};
    if (m.blend) out["alphaMode"] = "BLEND";
    if (m.doubleSided) out["doubleSided"] = true;
    return out;
}

struct Bounds {
    glm::vec3 min{1e30f}, max{-1e30f};
};

json primitiveJson(const GlbPrimitive& prim, std::vector<std::byte>& bin, json& views,
                   json& accessors) {
    Bounds b;
    for (const glm::vec3& p : prim.positions) {
        b.min = glm::min(b.min, p);
        b.max = glm::max(b.max, p);
    }
    const auto count = prim.positions.size();
    const auto pos = addView(bin, views, prim.positions.data(), count * 12, kArrayBuffer);
    accessors.push_back({{"bufferView", pos},
                         {"componentType", kFloat},
                         {"count", count},
                         {"type", "VEC3"},
                         {"min", {b.min.x, b.min.y, b.min.z}},
                         {"max", {b.max.x, b.max.y, b.max.z}}});
    const auto nrm = addView(bin, views, prim.normals.data(), count * 12, kArrayBuffer);
    accessors.push_back(
        {{"bufferView", nrm}, {"componentType", kFloat}, {"count", count}, {"type", "VEC3"}});
    const auto idx =
        addView(bin, views, prim.indices.data(), prim.indices.size() * 4, kElementArrayBuffer);
    accessors.push_back({{"bufferView", idx},
                         {"componentType", kUnsignedInt},
                         {"count", prim.indices.size()},
                         {"type", "SCALAR"}});
    const auto first = accessors.size() - 3;
    return {{"attributes", {{"POSITION", first}, {"NORMAL", first + 1}}},
            {"indices", first + 2},
            {"material", prim.material}};
}

}  // namespace

std::uint32_t GlbBuilder::addMaterial(GlbMaterial material) {
    m_materials.push_back(std::move(material));
    return std::uint32_t(m_materials.size() - 1);
}

std::uint32_t GlbBuilder::addNode(GlbNode node) {
    m_nodes.push_back(std::move(node));
    return std::uint32_t(m_nodes.size() - 1);
}

std::size_t GlbBuilder::triangleCount() const {
    std::size_t n = 0;
    for (const GlbNode& node : m_nodes)
        for (const GlbPrimitive& p : node.primitives)
            n += p.indices.size() / 3;
    return n;
}

std::vector<std::byte> GlbBuilder::build() const {
    std::vector<std::byte> bin;
    json views = json::array(), accessors = json::array(), meshes = json::array();
    json nodes = json::array(), materials = json::array();
    for (const GlbMaterial& m : m_materials)
        materials.push_back(materialJson(m));
    for (const GlbNode& node : m_nodes) {
        json n{{"name", node.name}};
        if (node.translation != glm::vec3(0.0f))
            n["translation"] = {node.translation.x, node.translation.y, node.translation.z};
        if (!node.children.empty()) n["children"] = node.children;
        json prims = json::array();
        for (const GlbPrimitive& p : node.primitives)
            if (!p.indices.empty()) prims.push_back(primitiveJson(p, bin, views, accessors));
        if (!prims.empty()) {
            meshes.push_back({{"name", node.name}, {"primitives", std::move(prims)}});
            n["mesh"] = meshes.size() - 1;
        }
        nodes.push_back(std::move(n));
    }
    while (bin.size() % 4 != 0)
        bin.push_back(std::byte{0});
    json root{{"asset", {{"version", "2.0"}, {"generator", "ParkTwin generate_demo_park"}}},
              {"scene", 0},
              {"scenes", {{{"nodes", m_roots}}}},
              {"nodes", std::move(nodes)},
              {"meshes", std::move(meshes)},
              {"materials", std::move(materials)},
              {"accessors", std::move(accessors)},
              {"bufferViews", std::move(views)},
              {"buffers", {{{"byteLength", bin.size()}}}}};
    std::string text = root.dump();
    while (text.size() % 4 != 0)
        text.push_back(' ');  // JSON chunk is padded with spaces

    std::vector<std::byte> out;
    out.reserve(28 + text.size() + bin.size());
    appendU32(out, kGlbMagic);
    appendU32(out, 2);
    appendU32(out, std::uint32_t(12 + 8 + text.size() + 8 + bin.size()));
    appendU32(out, std::uint32_t(text.size()));
    appendU32(out, kChunkJson);
    for (char c : text)
        out.push_back(std::byte(c));
    appendU32(out, std::uint32_t(bin.size()));
    appendU32(out, kChunkBin);
    out.insert(out.end(), bin.begin(), bin.end());
    return out;
}

Result<void> GlbBuilder::write(const std::filesystem::path& path) const {
    const std::vector<std::byte> bytes = build();
    return writeFileAtomic(path, bytes);
}

Result<std::string> readGlbJson(const std::vector<std::byte>& bytes) {
    if (bytes.size() < 20) return makeError("GLB too short: ", bytes.size(), " bytes");
    if (readU32(bytes, 0) != kGlbMagic) return makeError("not a GLB (bad magic)");
    if (readU32(bytes, 4) != 2) return makeError("unsupported GLB version ", readU32(bytes, 4));
    if (readU32(bytes, 8) != bytes.size())
        return makeError("GLB length field ", readU32(bytes, 8), " != file size ", bytes.size());
    const std::uint32_t jsonLength = readU32(bytes, 12);
    if (readU32(bytes, 16) != kChunkJson || 20 + std::size_t(jsonLength) > bytes.size())
        return makeError("GLB first chunk is not a valid JSON chunk");
    std::string text(jsonLength, ' ');
    std::memcpy(text.data(), bytes.data() + 20, jsonLength);
    return text;
}

}  // namespace pt::tools
