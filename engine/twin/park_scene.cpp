#include "twin/park_scene.h"

#include <algorithm>

#include <glm/gtc/matrix_transform.hpp>

#include "assets/floor_detection.h"
#include "assets/isolated_import.h"
#include "core/log.h"
#include "park/manifest.h"
#include "park/node_mapper.h"

namespace pt::twin {
namespace {

using park::EntityIndex;
using park::kNoEntity;

// One model to import and where its nodes go.
struct ModelJob {
    std::filesystem::path path;
    glm::mat4 placement{1.0f};
    EntityIndex owner = kNoEntity;  // building (or park for site models)
    bool site = false;
};

glm::mat4 placementOf(const park::Park& park, const park::Transform& t) {
    glm::mat4 m = glm::translate(glm::mat4(1.0f), park.scenePosition + t.position);
    return glm::rotate(m, glm::radians(t.rotationDeg), glm::vec3(0, 1, 0));
}

std::vector<ModelJob> collectJobs(const park::Portfolio& p, const std::filesystem::path& manifest) {
    std::vector<ModelJob> jobs;
    for (EntityIndex parkIndex : p.parks()) {
        const park::Park& pk = p.park(parkIndex);
        for (const std::string& model : pk.models)
            jobs.push_back(
                {park::resolveModelPath(manifest, model), placementOf(pk, {}), parkIndex, true});
    }
    for (EntityIndex b : p.ofKind(park::EntityKind::Building)) {
        const park::Park& pk = p.park(p.ancestorOfKind(b, park::EntityKind::Park));
        for (const std::string& model : p.building(b).models)
            jobs.push_back({park::resolveModelPath(manifest, model),
                            placementOf(pk, p.building(b).transform), b, false});
    }
    return jobs;
}

render::MeshData toRenderMesh(const assets::Mesh& mesh) {
    render::MeshData out{mesh.name, {}, mesh.indices};
    out.vertices.resize(mesh.positions.size());
    for (size_t i = 0; i < mesh.positions.size(); ++i)
        out.vertices[i] = {mesh.positions[i], mesh.normals[i],
                           mesh.uv0.empty() ? glm::vec2(0.0f) : mesh.uv0[i]};
    return out;
}

// Entity of each node: its own mapping if it has one, else its parent's (nodes are stored
// parents first), else the default.
// Levels of detail in a model: a node named "<anything>#lod-near" holds detail drawn only near
// (interiors, see-through glass), one named "<anything>#lod-far" a stand-in drawn only far
// (e.g. opaque facade panels in the colour of the unit behind them); their children too.
// Far stand-ins are always drawn opaque: they replace what is behind them.
uint32_t lodOf(const std::string& name) {
    if (name.ends_with("#lod-near")) return render::kInstanceLodNear;
    if (name.ends_with("#lod-far")) return render::kInstanceLodFar;
    return 0;
}

std::vector<EntityIndex> mapNodes(
    const assets::ImportedModel& model,
    const std::function<std::optional<EntityIndex>(const std::string&)>& map,
    EntityIndex fallback) {
    std::vector<EntityIndex> out(model.nodes.size(), fallback);
    for (size_t n = 0; n < model.nodes.size(); ++n) {
        const assets::Node& node = model.nodes[n];
        // A level-of-detail part (see lodOf) belongs to its parent's entity.
        if (lodOf(node.name) != 0 && node.parent != assets::kNone && node.parent < n) {
            out[n] = out[node.parent];
        } else if (auto e = map(node.name)) {
            out[n] = *e;
        } else if (node.parent != assets::kNone && node.parent < n) {
            out[n] = out[node.parent];
        }
    }
    return out;
}

// Adds the model's meshes once and one instance per (node, mesh).
void addModel(const assets::ImportedModel& model, const glm::mat4& placement,
              const std::vector<EntityIndex>& nodeEntities, render::GpuScene& scene,
              ParkScene& out) {
    // Textures and materials, each added once per model.
    std::vector<uint32_t> textureIds(model.textures.size(), 0);
    auto textureFor = [&](uint32_t index, bool srgb) -> uint32_t {
        if (index == assets::kNone || index >= model.textures.size()) return 0;
        const assets::Texture& t = model.textures[index];
        if (textureIds[index] == 0 && !t.pixels.empty())
            textureIds[index] = scene.addTexture(RgbaImage{t.width, t.height, t.pixels}, srgb);
        return textureIds[index];
    };
    std::vector<uint32_t> materialIds(model.materials.size(), 0);
    for (size_t m = 0; m < model.materials.size(); ++m) {
        const assets::Material& mat = model.materials[m];
        const uint32_t normal = textureFor(mat.normalTexture, false);
        materialIds[m] = scene.addMaterial(
            {.emissive = glm::vec4(mat.emissive, normal ? 1.0f : 0.0f),
             .metallic = mat.metallic,
             .roughness = mat.roughness,
             // Occlusion is read from the metallic-roughness texture's red channel: only when
             // packed there.
             .occlusionStrength = mat.occlusionTexture != assets::kNone &&
                                          mat.occlusionTexture == mat.metallicRoughnessTexture
                                      ? 1.0f
                                      : 0.0f,
             .layers = glm::uvec4(textureFor(mat.baseColorTexture, true),
                                  textureFor(mat.metallicRoughnessTexture, false), normal,
                                  textureFor(mat.emissiveTexture, true))});
    }
    std::vector<uint32_t> meshIds(model.meshes.size());
    for (size_t m = 0; m < model.meshes.size(); ++m)
        meshIds[m] = scene.addMesh(toRenderMesh(model.meshes[m]));
    std::vector<uint32_t> lod(model.nodes.size(), 0);
    for (size_t n = 0; n < model.nodes.size(); ++n) {
        const uint32_t parent = model.nodes[n].parent;
        lod[n] = lodOf(model.nodes[n].name);
        if (lod[n] == 0 && parent != assets::kNone && parent < n) lod[n] = lod[parent];
    }
    auto& instances = scene.editInstances();
    // The model's levels of detail switch together: one group per model that has them.
    uint32_t lodGroup = 0;
    if (std::any_of(lod.begin(), lod.end(), [](uint32_t l) { return l != 0; })) {
        lodGroup = 1;
        for (const render::Instance& existing : instances)
            lodGroup = std::max(lodGroup, existing.lodGroup + 1);
    }
    for (size_t n = 0; n < model.nodes.size(); ++n) {
        const assets::Node& node = model.nodes[n];
        const glm::mat4 world = placement * node.worldTransform;
        for (uint32_t m : node.meshes) {
            const assets::Mesh& mesh = model.meshes[m];
            render::Instance inst{
                .mesh = meshIds[m], .transform = world, .entity = nodeEntities[n]};
            if (mesh.material != assets::kNone) {
                const assets::Material& mat = model.materials[mesh.material];
                inst.color = mat.baseColorFactor;
                if (mat.alphaMode != assets::AlphaMode::Blend) inst.color.a = 1.0f;
                if (mat.alphaMode == assets::AlphaMode::Blend && inst.color.a < 0.95f)
                    inst.flags |= render::kInstanceGlass;
                inst.material = materialIds[mesh.material];
            }
            inst.flags |= lod[n];
            inst.lodGroup = lodGroup;
            if (lod[n] == render::kInstanceLodFar) inst.color.a = 1.0f;
            instances.push_back(inst);
            out.stats.triangles += mesh.triangleCount();
            if (inst.entity != kNoEntity && inst.entity < out.entityBounds.size()) {
                for (int c = 0; c < 8; ++c) {
                    const glm::vec3 corner{c & 1 ? mesh.localBounds.max.x : mesh.localBounds.min.x,
                                           c & 2 ? mesh.localBounds.max.y : mesh.localBounds.min.y,
                                           c & 4 ? mesh.localBounds.max.z : mesh.localBounds.min.z};
                    out.entityBounds[inst.entity].add(glm::vec3(world * glm::vec4(corner, 1.0f)));
                }
            }
        }
    }
    out.stats.meshes += model.meshes.size();
    out.stats.textures += model.textures.size();
}

// Every entity's bounds include its descendants'. Children come after their parents in the
// entity table, so one backwards pass suffices.
void propagateBounds(ParkScene& out) {
    const auto entities = out.portfolio.entities();
    for (size_t i = entities.size(); i-- > 0;)
        if (entities[i].parent != kNoEntity)
            out.entityBounds[entities[i].parent].add(out.entityBounds[i]);
}

Result<void> loadManifestScene(const std::filesystem::path& source, render::GpuScene& scene,
                               const ProgressCallback& progress, ParkScene& out) {
    auto portfolio = park::loadManifest(source);
    if (!portfolio) return portfolio.error();
    out.portfolio = std::move(*portfolio);
    out.entityBounds.assign(out.portfolio.entities().size(), {});
    const std::vector<ModelJob> jobs = collectJobs(out.portfolio, source);
    for (size_t j = 0; j < jobs.size(); ++j) {
        const ModelJob& job = jobs[j];
        if (progress) progress({j, jobs.size(), job.path.filename().string()});
        auto model = assets::importModelIsolated(job.path);
        if (!model) {
            out.warnings.push_back(model.error().message);
            log::warn(model.error().message);
            continue;
        }
        for (const std::string& w : model->warnings)
            out.warnings.push_back(w);
        std::function<std::optional<EntityIndex>(const std::string&)> map;
        std::optional<park::NodeMapper> mapper;
        if (!job.site) {
            auto created = park::NodeMapper::create(out.portfolio, job.owner);
            if (!created) return created.error();
            mapper = std::move(*created);
            map = [&](const std::string& name) { return mapper->map(name); };
        } else {
            // Site models name chargers, pads and zones by id; decoration maps to nothing.
            map = [&](const std::string& name) { return out.portfolio.findEntity(name); };
        }
        const auto nodeEntities = mapNodes(*model, map, job.site ? kNoEntity : job.owner);
        addModel(*model, job.placement, nodeEntities, scene, out);
        out.stats.models++;
    }
    if (progress) progress({jobs.size(), jobs.size(), ""});
    return {};
}

// A single model becomes park "model" with building "model/B1"; floors come from the model.
Result<void> loadModelScene(const std::filesystem::path& source, render::GpuScene& scene,
                            const ProgressCallback& progress, ParkScene& out) {
    if (progress) progress({0, 1, source.filename().string()});
    auto model = assets::importModelIsolated(source);
    if (!model) return model.error();
    out.warnings = model->warnings;
    park::Portfolio& p = out.portfolio;
    p.setName(source.filename().string());
    const EntityIndex parkIndex = *p.addPark("model", source.stem().string(), {});
    park::Building building;
    building.models.push_back(source.string());
    const EntityIndex b =
        *p.addBuilding(parkIndex, "model/B1", source.filename().string(), building);
    const assets::FloorDetection floors = assets::detectFloors(*model);
    std::vector<EntityIndex> floorOfNode(model->nodes.size(), kNoEntity);
    for (const assets::DetectedFloor& f : floors.floors) {
        const std::string id = "model/B1/" + (f.number < 0 ? "B" + std::to_string(-f.number)
                                                           : "F" + std::to_string(f.number));
        auto floor = p.addFloor(b, id, f.name,
                                {.number = f.number, .elevation = f.elevation, .height = f.height});
        if (!floor) {
            out.warnings.push_back(source.filename().string() + ": " + floor.error().message);
            continue;
        }
        for (uint32_t n : f.nodes)
            floorOfNode[n] = *floor;
    }
    out.entityBounds.assign(p.entities().size(), {});
    const auto nodeEntities = mapNodes(
        *model,
        [&](const std::string& name) -> std::optional<EntityIndex> {
            for (size_t n = 0; n < model->nodes.size(); ++n)
                if (model->nodes[n].name == name && floorOfNode[n] != kNoEntity)
                    return floorOfNode[n];
            return std::nullopt;
        },
        b);
    addModel(*model, glm::mat4(1.0f), nodeEntities, scene, out);
    out.stats.models = 1;
    if (progress) progress({1, 1, ""});
    return {};
}

}  // namespace

Result<ParkScene> loadParkScene(const std::filesystem::path& source, render::GpuScene& scene,
                                const ProgressCallback& progress) {
    const auto start = std::chrono::steady_clock::now();
    ParkScene out;
    out.source = source;
    std::string ext = source.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".json") {
        PT_TRY(loadManifestScene(source, scene, progress, out));
    } else if (assets::isSupportedModelExtension(source)) {
        PT_TRY(loadModelScene(source, scene, progress, out));
    } else {
        return makeError(
            source.string(),
            ": not a manifest (.json) or a supported model (.glb, .gltf, .ifc, .fbx, .obj)");
    }
    propagateBounds(out);
    scene.commit();
    out.stats.instances = scene.instances().size();
    out.stats.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return out;
}

}  // namespace pt::twin
