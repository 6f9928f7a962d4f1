#include "assets/model_serialization.h"

#include <cstring>
#include <type_traits>

namespace pt::assets {
namespace {

constexpr uint32_t kMagic = 0x50544d31;  // "PTM1"

class Writer {
public:
    template <class T>
    void put(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto* p = reinterpret_cast<const std::byte*>(&value);
        bytes.insert(bytes.end(), p, p + sizeof(T));
    }
    template <class T>
    void putArray(const std::vector<T>& values) {
        static_assert(std::is_trivially_copyable_v<T>);
        put<uint64_t>(values.size());
        const auto* p = reinterpret_cast<const std::byte*>(values.data());
        bytes.insert(bytes.end(), p, p + values.size() * sizeof(T));
    }
    void putString(std::string_view s) {
        put<uint64_t>(s.size());
        const auto* p = reinterpret_cast<const std::byte*>(s.data());
        bytes.insert(bytes.end(), p, p + s.size());
    }
    std::vector<std::byte> bytes;
};

// Every read checks the bytes left; after the first failure all reads fail.
class Reader {
public:
    explicit Reader(std::span<const std::byte> data) : m_data(data) {}
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_data.size(); }

    template <class T>
    bool get(T& value) {
        if (!take(sizeof(T))) return false;
        std::memcpy(&value, m_data.data() + m_pos - sizeof(T), sizeof(T));
        return true;
    }
    // Any byte other than 0/1 in a bool is undefined behaviour; reject it instead.
    bool get(bool& value) {
        uint8_t byte = 0;
        if (!get(byte) || byte > 1) return m_ok = false;
        value = byte == 1;
        return true;
    }
    bool get(AlphaMode& value) {
        uint8_t byte = 0;
        if (!get(byte) || byte > uint8_t(AlphaMode::Blend)) return m_ok = false;
        value = AlphaMode(byte);
        return true;
    }
    template <class T>
    bool getArray(std::vector<T>& values) {
        uint64_t count = 0;
        if (!get(count) || count > (m_data.size() - m_pos) / sizeof(T)) return m_ok = false;
        values.resize(size_t(count));
        return getRaw(values.data(), size_t(count) * sizeof(T));
    }
    bool getString(std::string& s) {
        uint64_t size = 0;
        if (!get(size) || size > m_data.size() - m_pos) return m_ok = false;
        s.resize(size_t(size));
        return getRaw(s.data(), size_t(size));
    }
    // A count of things that each take at least `minBytes`: bounded by the bytes left, so a
    // forged count cannot make us reserve gigabytes.
    bool getCount(size_t& count, size_t minBytes) {
        uint64_t n = 0;
        if (!get(n) || n > (m_data.size() - m_pos) / minBytes) return m_ok = false;
        count = size_t(n);
        return true;
    }

private:
    bool take(size_t n) {
        if (!m_ok || n > m_data.size() - m_pos) return m_ok = false;
        m_pos += n;
        return true;
    }
    bool getRaw(void* out, size_t n) {
        if (!take(n)) return false;
        if (n > 0) std::memcpy(out, m_data.data() + m_pos - n, n);
        return true;
    }
    std::span<const std::byte> m_data;
    size_t m_pos = 0;
    bool m_ok = true;
};

// write()/read() pairs per type sit next to each other so that a new field goes into both.
void write(Writer& w, const Mesh& m) {
    w.putString(m.name);
    w.putArray(m.positions), w.putArray(m.normals), w.putArray(m.uv0), w.putArray(m.tangents);
    w.putArray(m.indices);
    w.put(m.material), w.put(m.localBounds);
}
bool read(Reader& r, Mesh& m) {
    return r.getString(m.name) && r.getArray(m.positions) && r.getArray(m.normals) &&
           r.getArray(m.uv0) && r.getArray(m.tangents) && r.getArray(m.indices) &&
           r.get(m.material) && r.get(m.localBounds);
}

void write(Writer& w, const Material& m) {
    w.putString(m.name);
    w.put(m.baseColorFactor), w.put(m.metallic), w.put(m.roughness), w.put(m.emissive);
    w.put(m.alphaMode), w.put(m.alphaCutoff), w.put(m.doubleSided);
    w.put(m.baseColorTexture), w.put(m.metallicRoughnessTexture), w.put(m.normalTexture);
    w.put(m.emissiveTexture), w.put(m.occlusionTexture);
}
bool read(Reader& r, Material& m) {
    return r.getString(m.name) && r.get(m.baseColorFactor) && r.get(m.metallic) &&
           r.get(m.roughness) && r.get(m.emissive) && r.get(m.alphaMode) && r.get(m.alphaCutoff) &&
           r.get(m.doubleSided) && r.get(m.baseColorTexture) && r.get(m.metallicRoughnessTexture) &&
           r.get(m.normalTexture) && r.get(m.emissiveTexture) && r.get(m.occlusionTexture);
}

void write(Writer& w, const Texture& t) {
    w.putString(t.source);
    w.put(t.width), w.put(t.height), w.put(t.srgb);
    w.putArray(t.pixels);
}
bool read(Reader& r, Texture& t) {
    return r.getString(t.source) && r.get(t.width) && r.get(t.height) && r.get(t.srgb) &&
           r.getArray(t.pixels);
}

void write(Writer& w, const Node& n) {
    w.putString(n.name);
    w.put(n.parent), w.putArray(n.children), w.put(n.localTransform), w.put(n.worldTransform);
    w.putArray(n.meshes);
    w.put<uint64_t>(n.metadata.size());
    for (const auto& [key, value] : n.metadata)
        w.putString(key), w.putString(value);
    w.put(n.worldBounds);
}
bool read(Reader& r, Node& n) {
    size_t count = 0;
    if (!(r.getString(n.name) && r.get(n.parent) && r.getArray(n.children) &&
          r.get(n.localTransform) && r.get(n.worldTransform) && r.getArray(n.meshes) &&
          r.getCount(count, 16))) {
        return false;
    }
    n.metadata.resize(count);
    for (auto& [key, value] : n.metadata) {
        if (!r.getString(key) || !r.getString(value)) return false;
    }
    return r.get(n.worldBounds);
}

void write(Writer& w, const Camera& c) {
    w.putString(c.name);
    w.put(c.node), w.put(c.verticalFovRadians), w.put(c.aspect), w.put(c.zNear), w.put(c.zFar);
}
bool read(Reader& r, Camera& c) {
    return r.getString(c.name) && r.get(c.node) && r.get(c.verticalFovRadians) && r.get(c.aspect) &&
           r.get(c.zNear) && r.get(c.zFar);
}

template <class T>
void writeAll(Writer& w, const std::vector<T>& items) {
    w.put<uint64_t>(items.size());
    for (const T& item : items)
        write(w, item);
}
template <class T>
bool readAll(Reader& r, std::vector<T>& items, size_t minBytesEach) {
    size_t count = 0;
    if (!r.getCount(count, minBytesEach)) return false;
    items.resize(count);
    for (T& item : items) {
        if (!read(r, item)) return false;
    }
    return true;
}

bool inRange(uint32_t index, size_t size) {
    return index == kNone || index < size;
}

Result<void> validateMesh(const Mesh& m, size_t materialCount, std::string_view label) {
    const size_t n = m.positions.size();
    if (m.normals.size() != n || (!m.uv0.empty() && m.uv0.size() != n) ||
        (!m.tangents.empty() && m.tangents.size() != n) || m.indices.size() % 3 != 0) {
        return makeError(label, ": mesh '", m.name, "' has inconsistent vertex arrays");
    }
    for (uint32_t index : m.indices) {
        if (index >= n) return makeError(label, ": mesh '", m.name, "' index out of range");
    }
    if (!inRange(m.material, materialCount)) {
        return makeError(label, ": mesh '", m.name, "' refers to a missing material");
    }
    return {};
}

}  // namespace

std::vector<std::byte> serializeModel(const ImportedModel& model) {
    Writer w;
    w.put(kMagic);
    w.putString(model.sourcePath.string());
    writeAll(w, model.meshes), writeAll(w, model.materials), writeAll(w, model.textures);
    writeAll(w, model.nodes), writeAll(w, model.cameras);
    w.put(model.worldBounds), w.put(model.triangleCount), w.put(model.unitScale);
    w.put(model.upAxisConverted), w.put(model.rebaseOffset);
    w.put<uint64_t>(model.warnings.size());
    for (const std::string& warning : model.warnings)
        w.putString(warning);
    return std::move(w.bytes);
}

Result<ImportedModel> deserializeModel(std::span<const std::byte> bytes, std::string_view label) {
    Reader r(bytes);
    ImportedModel model;
    uint32_t magic = 0;
    std::string source;
    size_t warningCount = 0;
    bool ok =
        r.get(magic) && magic == kMagic && r.getString(source) && readAll(r, model.meshes, 72) &&
        readAll(r, model.materials, 64) && readAll(r, model.textures, 25) &&
        readAll(r, model.nodes, 180) && readAll(r, model.cameras, 28) && r.get(model.worldBounds) &&
        r.get(model.triangleCount) && r.get(model.unitScale) && r.get(model.upAxisConverted) &&
        r.get(model.rebaseOffset) && r.getCount(warningCount, 8);
    model.warnings.resize(ok ? warningCount : 0);
    for (std::string& warning : model.warnings)
        ok = ok && r.getString(warning);
    if (!ok || !r.atEnd()) {
        return makeError(label, ": importer returned malformed data (", bytes.size(), " bytes)");
    }
    model.sourcePath = source;
    PT_TRY(validateModel(model, label));
    return model;
}

Result<void> validateModel(const ImportedModel& model, std::string_view label) {
    for (const Mesh& mesh : model.meshes)
        PT_TRY(validateMesh(mesh, model.materials.size(), label));
    const size_t textureCount = model.textures.size();
    for (const Material& m : model.materials) {
        for (uint32_t t : {m.baseColorTexture, m.metallicRoughnessTexture, m.normalTexture,
                           m.emissiveTexture, m.occlusionTexture}) {
            if (!inRange(t, textureCount)) {
                return makeError(label, ": material '", m.name, "' refers to a missing texture");
            }
        }
    }
    for (const Texture& t : model.textures) {
        const size_t expected = size_t(t.width) * t.height * 4;
        if (!t.pixels.empty() && t.pixels.size() != expected) {
            return makeError(label, ": texture '", t.source, "' has the wrong pixel count");
        }
    }
    for (size_t i = 0; i < model.nodes.size(); ++i) {
        const Node& node = model.nodes[i];
        // Parents precede children, which also rules out cycles.
        if (i == 0 ? node.parent != kNone : node.parent >= i) {
            return makeError(label, ": node '", node.name, "' has an invalid parent");
        }
        for (uint32_t c : node.children) {
            if (c >= model.nodes.size() || c <= i || model.nodes[c].parent != i) {
                return makeError(label, ": node '", node.name, "' has an invalid child");
            }
        }
        for (uint32_t m : node.meshes) {
            if (m >= model.meshes.size()) {
                return makeError(label, ": node '", node.name, "' refers to a missing mesh");
            }
        }
    }
    for (const Camera& c : model.cameras) {
        if (c.node >= model.nodes.size()) return makeError(label, ": camera without node");
    }
    return {};
}

}  // namespace pt::assets
