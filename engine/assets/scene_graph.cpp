#include "assets/scene_graph.h"

#include <assimp/scene.h>

#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <unordered_set>

namespace pt::assets {
namespace {

glm::mat4 toGlm(const aiMatrix4x4& m) {
    // Assimp is row-major with translation in a4/b4/c4; glm is column-major.
    return glm::mat4(m.a1, m.b1, m.c1, m.d1, m.a2, m.b2, m.c2, m.d2, m.a3, m.b3, m.c3, m.d3, m.a4,
                     m.b4, m.c4, m.d4);
}

bool isFinite(const glm::mat4& m) {
    for (int c = 0; c < 4; ++c) {
        for (int r = 0; r < 4; ++r) {
            if (!std::isfinite(m[c][r])) return false;
        }
    }
    return true;
}

std::string metadataValue(const aiMetadataEntry& entry) {
    if (entry.mData == nullptr) return {};
    switch (entry.mType) {
        case AI_BOOL:
            return *static_cast<const bool*>(entry.mData) ? "true" : "false";
        case AI_INT32:
            return strCat(*static_cast<const int32_t*>(entry.mData));
        case AI_UINT64:
            return strCat(*static_cast<const uint64_t*>(entry.mData));
        case AI_FLOAT:
            return strCat(*static_cast<const float*>(entry.mData));
        case AI_DOUBLE:
            return strCat(*static_cast<const double*>(entry.mData));
        case AI_AISTRING:
            return static_cast<const aiString*>(entry.mData)->C_Str();
        case AI_AIVECTOR3D: {
            const auto& v = *static_cast<const aiVector3D*>(entry.mData);
            return strCat(v.x, " ", v.y, " ", v.z);
        }
        default:
            return "(nested)";  // nested aiMetadata: not needed by anything yet
    }
}

void copyMetadata(const aiMetadata* meta, Node& node) {
    if (meta == nullptr || meta->mKeys == nullptr || meta->mValues == nullptr) return;
    for (uint32_t i = 0; i < meta->mNumProperties; ++i) {
        node.metadata.emplace_back(meta->mKeys[i].C_Str(), metadataValue(meta->mValues[i]));
    }
}

}  // namespace

Result<void> buildNodes(const aiScene& scene, const std::vector<uint32_t>& meshRemap,
                        std::string_view fileLabel, ImportedModel& model) {
    if (scene.mRootNode == nullptr) return makeError(fileLabel, ": the file has no scene");
    struct Pending {
        const aiNode* node;
        uint32_t parent;
    };
    std::vector<Pending> stack{{scene.mRootNode, kNone}};
    std::unordered_set<const aiNode*> seen;
    size_t badMeshRefs = 0, badTransforms = 0;
    while (!stack.empty()) {
        const Pending item = stack.back();
        stack.pop_back();
        if (!seen.insert(item.node).second) {
            return makeError(fileLabel, ": node '", item.node->mName.C_Str(),
                             "' is its own ancestor (recursive node graph)");
        }
        const uint32_t index = uint32_t(model.nodes.size());
        Node& node = model.nodes.emplace_back();
        node.name = item.node->mName.C_Str();
        node.parent = item.parent;
        node.localTransform = toGlm(item.node->mTransformation);
        if (!isFinite(node.localTransform)) {
            ++badTransforms;
            node.localTransform = glm::mat4(1.0f);
        }
        for (uint32_t i = 0; i < item.node->mNumMeshes && item.node->mMeshes; ++i) {
            const uint32_t source = item.node->mMeshes[i];
            const uint32_t mesh = source < meshRemap.size() ? meshRemap[source] : kNone;
            if (source >= meshRemap.size()) ++badMeshRefs;
            if (mesh != kNone) node.meshes.push_back(mesh);
        }
        copyMetadata(item.node->mMetaData, node);
        if (item.parent != kNone) model.nodes[item.parent].children.push_back(index);
        // Reverse push keeps children in file order when popped.
        for (uint32_t c = item.node->mNumChildren; c-- > 0;) {
            if (item.node->mChildren && item.node->mChildren[c]) {
                stack.push_back({item.node->mChildren[c], index});
            }
        }
    }
    if (badMeshRefs > 0) {
        model.warnings.push_back(
            strCat(fileLabel, ": ", badMeshRefs, " node references to missing meshes ignored"));
    }
    if (badTransforms > 0) {
        model.warnings.push_back(strCat(fileLabel, ": ", badTransforms,
                                        " node transforms with NaN/Inf replaced by identity"));
    }
    return {};
}

void convertCameras(const aiScene& scene, std::string_view fileLabel, ImportedModel& model) {
    for (uint32_t i = 0; i < scene.mNumCameras && scene.mCameras; ++i) {
        const aiCamera& src = *scene.mCameras[i];
        Camera camera{.name = src.mName.C_Str()};
        for (uint32_t n = 0; n < model.nodes.size(); ++n) {
            if (model.nodes[n].name == camera.name) camera.node = n;
        }
        if (camera.node == kNone) {
            model.warnings.push_back(
                strCat(fileLabel, ": camera '", camera.name, "' has no node; skipped"));
            continue;
        }
        camera.aspect = std::isfinite(src.mAspect) && src.mAspect > 0 ? src.mAspect : 0.0f;
        // Assimp stores the horizontal half-angle; the renderer wants the full vertical angle.
        if (std::isfinite(src.mHorizontalFOV) && src.mHorizontalFOV > 0 && camera.aspect > 0) {
            camera.verticalFovRadians =
                2.0f * std::atan(std::tan(src.mHorizontalFOV) / camera.aspect);
        }
        if (src.mClipPlaneNear > 0) camera.zNear = src.mClipPlaneNear;
        if (src.mClipPlaneFar > camera.zNear) camera.zFar = src.mClipPlaneFar;
        model.cameras.push_back(camera);
    }
}

void applyRootTransform(ImportedModel& model, const glm::mat4& normalisation) {
    if (model.nodes.empty()) return;
    model.nodes[0].localTransform = normalisation * model.nodes[0].localTransform;
    model.worldBounds = {};
    model.triangleCount = 0;
    // Parents come before children (buildNodes order), so one forward pass is enough.
    for (Node& node : model.nodes) {
        node.worldTransform = node.parent == kNone
                                  ? node.localTransform
                                  : model.nodes[node.parent].worldTransform * node.localTransform;
        node.worldBounds = {};
        for (uint32_t meshIndex : node.meshes) {
            const Mesh& mesh = model.meshes[meshIndex];
            for (const glm::vec3& p : mesh.positions) {
                node.worldBounds.add(glm::vec3(node.worldTransform * glm::vec4(p, 1.0f)));
            }
            model.triangleCount += mesh.triangleCount();
        }
        model.worldBounds.add(node.worldBounds);
    }
}

void rebaseFarCoordinates(ImportedModel& model, double threshold) {
    if (model.worldBounds.empty()) return;
    const glm::dvec3 center(model.worldBounds.center());
    glm::dvec3 offset(0.0);
    for (int axis = 0; axis < 3; ++axis) {
        if (std::abs(center[axis]) > threshold) offset[axis] = center[axis];
    }
    if (offset == glm::dvec3(0.0)) return;
    model.rebaseOffset += offset;
    applyRootTransform(model, glm::translate(glm::mat4(1.0f), glm::vec3(-offset)));
}

}  // namespace pt::assets
