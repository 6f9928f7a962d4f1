#include "assets/mesh_conversion.h"

#include <assimp/mesh.h>

#include <cmath>

#include "core/result.h"

namespace pt::assets {
namespace {

bool isFinite(const aiVector3D& v) {
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

glm::vec3 toGlm(const aiVector3D& v) {
    return {v.x, v.y, v.z};
}

// Counts of what was wrong in one mesh; each non-zero count becomes one warning.
struct Problems {
    size_t nonTriangles = 0;
    size_t outOfRange = 0;
    size_t nonFinitePosition = 0;
    size_t degenerate = 0;
    size_t badNormals = 0;
    size_t badUvs = 0;
    size_t badTangents = 0;
};

// Zero area relative to the edge lengths (sin of the corner angle below 1e-7): such a triangle
// rasterises to nothing and would give a NaN face normal.
bool isDegenerate(const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
    const glm::vec3 e1 = b - a;
    const glm::vec3 e2 = c - a;
    const glm::vec3 n = glm::cross(e1, e2);
    const float n2 = glm::dot(n, n);
    const float scale = glm::dot(e1, e1) * glm::dot(e2, e2);
    return !(n2 > 1e-14f * scale) || !std::isfinite(n2);
}

// Keeps the faces that are triangles with in-range indices, finite corners and a non-zero area;
// returns their indices into the source vertex array.
std::vector<uint32_t> collectTriangles(const aiMesh& src, Problems& problems) {
    std::vector<uint32_t> out;
    out.reserve(size_t(src.mNumFaces) * 3);
    const uint32_t vertexCount = src.mNumVertices;
    for (uint32_t f = 0; f < src.mNumFaces; ++f) {
        const aiFace& face = src.mFaces[f];
        if (face.mNumIndices != 3 || face.mIndices == nullptr) {
            ++problems.nonTriangles;
            continue;
        }
        const uint32_t i[3] = {face.mIndices[0], face.mIndices[1], face.mIndices[2]};
        if (i[0] >= vertexCount || i[1] >= vertexCount || i[2] >= vertexCount) {
            ++problems.outOfRange;
            continue;
        }
        const aiVector3D* v = src.mVertices;
        if (!isFinite(v[i[0]]) || !isFinite(v[i[1]]) || !isFinite(v[i[2]])) {
            ++problems.nonFinitePosition;
            continue;
        }
        if (i[0] == i[1] || i[1] == i[2] || i[0] == i[2] ||
            isDegenerate(toGlm(v[i[0]]), toGlm(v[i[1]]), toGlm(v[i[2]]))) {
            ++problems.degenerate;
            continue;
        }
        out.insert(out.end(), {i[0], i[1], i[2]});
    }
    return out;
}

// Rebuilds the normals flagged in `needsRepair` from the area-weighted normals of the faces
// around them; a vertex with no usable face gets +Y so that lighting stays finite.
void repairNormals(Mesh& mesh, const std::vector<bool>& needsRepair) {
    std::vector<glm::vec3> sum(mesh.positions.size(), glm::vec3(0.0f));
    for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const uint32_t a = mesh.indices[t], b = mesh.indices[t + 1], c = mesh.indices[t + 2];
        if (!needsRepair[a] && !needsRepair[b] && !needsRepair[c]) continue;
        const glm::vec3 n = glm::cross(mesh.positions[b] - mesh.positions[a],
                                       mesh.positions[c] - mesh.positions[a]);
        for (uint32_t v : {a, b, c})
            sum[v] += n;
    }
    for (size_t v = 0; v < mesh.normals.size(); ++v) {
        if (!needsRepair[v]) continue;
        const float len = glm::length(sum[v]);
        mesh.normals[v] = (len > 0.0f && std::isfinite(len)) ? sum[v] / len : glm::vec3(0, 1, 0);
    }
}

void copyNormals(const aiMesh& src, const std::vector<uint32_t>& used, Mesh& mesh,
                 Problems& problems) {
    mesh.normals.resize(used.size());
    std::vector<bool> needsRepair(used.size(), src.mNormals == nullptr);
    if (src.mNormals != nullptr) {
        for (size_t v = 0; v < used.size(); ++v) {
            const glm::vec3 n = toGlm(src.mNormals[used[v]]);
            const float len = glm::length(n);
            if (!std::isfinite(len) || len < 1e-6f) {
                needsRepair[v] = true;
                ++problems.badNormals;
            } else {
                mesh.normals[v] = n / len;
            }
        }
    }
    repairNormals(mesh, needsRepair);
}

// Tangents orthogonalised against the (repaired) normals; w carries the bitangent's handedness.
void copyTangents(const aiMesh& src, const std::vector<uint32_t>& used, Mesh& mesh,
                  Problems& problems) {
    if (src.mTangents == nullptr || src.mBitangents == nullptr) return;
    mesh.tangents.resize(used.size());
    for (size_t v = 0; v < used.size(); ++v) {
        const glm::vec3 n = mesh.normals[v];
        glm::vec3 t = toGlm(src.mTangents[used[v]]);
        t -= n * glm::dot(n, t);
        float len = glm::length(t);
        if (!std::isfinite(len) || len < 1e-6f) {
            ++problems.badTangents;
            t = std::abs(n.x) < 0.9f ? glm::cross(n, glm::vec3(1, 0, 0))
                                     : glm::cross(n, glm::vec3(0, 1, 0));
            len = glm::length(t);
        }
        const glm::vec3 b = toGlm(src.mBitangents[used[v]]);
        const float w = glm::dot(glm::cross(n, t), b) < 0.0f ? -1.0f : 1.0f;
        mesh.tangents[v] = glm::vec4(t / len, w);
    }
}

void copyVertices(const aiMesh& src, const std::vector<uint32_t>& used, Mesh& mesh,
                  Problems& problems) {
    mesh.positions.resize(used.size());
    for (size_t v = 0; v < used.size(); ++v) {
        mesh.positions[v] = toGlm(src.mVertices[used[v]]);
        mesh.localBounds.add(mesh.positions[v]);
    }
    copyNormals(src, used, mesh, problems);
    if (src.mTextureCoords[0] != nullptr) {
        mesh.uv0.resize(used.size());
        for (size_t v = 0; v < used.size(); ++v) {
            const aiVector3D& uv = src.mTextureCoords[0][used[v]];
            const bool ok = std::isfinite(uv.x) && std::isfinite(uv.y);
            if (!ok) ++problems.badUvs;
            mesh.uv0[v] = ok ? glm::vec2(uv.x, uv.y) : glm::vec2(0.0f);
        }
    }
    copyTangents(src, used, mesh, problems);
}

void reportProblems(const Problems& p, std::string_view label, std::vector<std::string>& out) {
    const auto add = [&](size_t count, const char* what) {
        if (count > 0) out.push_back(strCat(label, ": ", count, " ", what));
    };
    add(p.nonTriangles, "points/lines/polygons dropped (triangles only)");
    add(p.outOfRange, "triangles dropped: vertex index out of range");
    add(p.nonFinitePosition, "triangles dropped: NaN/Inf vertex position");
    add(p.degenerate, "degenerate (zero-area) triangles dropped");
    add(p.badNormals, "NaN/Inf/zero normals rebuilt from faces");
    add(p.badUvs, "NaN/Inf texture coordinates set to 0");
    add(p.badTangents, "unusable tangents rebuilt");
}

}  // namespace

std::optional<Mesh> convertMesh(const aiMesh& src, uint32_t materialCount,
                                std::string_view fileLabel, std::vector<std::string>& warnings) {
    const std::string label = strCat(fileLabel, ": mesh '", src.mName.C_Str(), "'");
    if (src.mVertices == nullptr || src.mNumVertices == 0 || src.mFaces == nullptr) {
        warnings.push_back(strCat(label, " has no vertices or faces; dropped"));
        return std::nullopt;
    }
    Problems problems;
    std::vector<uint32_t> triangles = collectTriangles(src, problems);
    // Compact: only vertices that a kept triangle uses survive, so that a NaN vertex that no
    // triangle needs any more cannot reach the bounds or the GPU.
    std::vector<uint32_t> remap(src.mNumVertices, kNone);
    std::vector<uint32_t> used;
    used.reserve(src.mNumVertices);
    for (uint32_t& index : triangles) {
        if (remap[index] == kNone) {
            remap[index] = uint32_t(used.size());
            used.push_back(index);
        }
        index = remap[index];
    }
    Mesh mesh;
    mesh.name = src.mName.C_Str();
    mesh.indices = std::move(triangles);
    copyVertices(src, used, mesh, problems);
    if (src.mMaterialIndex < materialCount) {
        mesh.material = src.mMaterialIndex;
    } else {
        warnings.push_back(strCat(label, ": material index ", src.mMaterialIndex,
                                  " out of range; default material used"));
    }
    reportProblems(problems, label, warnings);
    if (mesh.indices.empty()) {
        warnings.push_back(strCat(label, " has no valid triangles left; dropped"));
        return std::nullopt;
    }
    return mesh;
}

}  // namespace pt::assets
