#include "assets/floor_detection.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <regex>

#include "core/result.h"

namespace pt::assets {
namespace {

// Bounds of a node and everything below it.
Bounds subtreeBounds(const ImportedModel& model, uint32_t root) {
    Bounds bounds;
    std::vector<uint32_t> stack{root};
    while (!stack.empty()) {
        const Node& node = model.nodes[stack.back()];
        stack.pop_back();
        bounds.add(node.worldBounds);
        stack.insert(stack.end(), node.children.begin(), node.children.end());
    }
    return bounds;
}

// Walks the tree top-down and collects the highest nodes for which `match` gives a value; their
// subtrees are not searched further (a storey's walls are not storeys).
template <class Match>
std::vector<std::pair<uint32_t, int>> highestMatches(const ImportedModel& model, Match match) {
    std::vector<std::pair<uint32_t, int>> out;
    if (model.nodes.empty()) return out;
    std::vector<uint32_t> stack{0};
    while (!stack.empty()) {
        const uint32_t index = stack.back();
        stack.pop_back();
        if (std::optional<int> number = match(model.nodes[index].name)) {
            out.emplace_back(index, *number);
            continue;
        }
        const auto& children = model.nodes[index].children;
        stack.insert(stack.end(), children.rbegin(), children.rend());
    }
    return out;
}

std::optional<int> ifcStoreyIndex(const std::string& name) {
    static const std::regex pattern(R"(^IfcBuildingStorey_(\d+))");
    std::smatch m;
    if (!std::regex_search(name, m, pattern)) return std::nullopt;
    return std::stoi(m[1].str());
}

// "IfcBuildingStorey_1. Dachgeschoss_0jAI9fmuuZo5Hq4Mzn$RGN" -> "Dachgeschoss": the IFC GUID is
// always 22 characters.
std::string ifcStoreyName(const std::string& name) {
    static const std::regex pattern(R"(^IfcBuildingStorey_\d+\.\s*(.*?)(_[0-9A-Za-z_$]{22})?$)");
    std::smatch m;
    if (!std::regex_match(name, m, pattern) || m[1].length() == 0) return name;
    return m[1].str();
}

// Groups matched nodes by number into floors, with elevations from their geometry, sorted.
std::vector<DetectedFloor> floorsFromGroups(const ImportedModel& model,
                                            const std::vector<std::pair<uint32_t, int>>& matches,
                                            bool ifcNames, bool placementElevation) {
    std::map<int, DetectedFloor> byNumber;
    std::map<int, Bounds> bounds;
    for (const auto& [node, number] : matches) {
        DetectedFloor& floor = byNumber[number];
        floor.number = number;
        if (floor.name.empty()) {
            floor.name = ifcNames ? ifcStoreyName(model.nodes[node].name) : model.nodes[node].name;
        }
        floor.nodes.push_back(node);
        bounds[number].add(subtreeBounds(model, node));
    }
    std::vector<std::pair<DetectedFloor, float>> withTops;  // floor, highest point
    for (auto& [number, floor] : byNumber) {
        const Bounds& b = bounds[number];
        floor.elevation = placementElevation ? model.nodes[floor.nodes[0]].worldTransform[3].y
                          : b.empty()        ? 0.0f
                                             : b.min.y;
        withTops.emplace_back(std::move(floor), b.empty() ? 0.0f : b.max.y);
    }
    std::stable_sort(withTops.begin(), withTops.end(), [](const auto& a, const auto& b) {
        return a.first.elevation < b.first.elevation;
    });
    std::vector<DetectedFloor> floors;
    for (size_t i = 0; i < withTops.size(); ++i) {
        // Height to the next floor's slab; the top floor's reaches its highest point (the roof).
        const float top =
            i + 1 < withTops.size() ? withTops[i + 1].first.elevation : withTops[i].second;
        withTops[i].first.height = std::max(0.0f, top - withTops[i].first.elevation);
        floors.push_back(std::move(withTops[i].first));
    }
    return floors;
}

// IFC storey indices follow the file's order; renumber from the lowest storey up, 1-based,
// with storeys below the ground elevation (if given) as basements -1, -2, ...
void numberIfcStoreys(std::vector<DetectedFloor>& floors, float ground) {
    const float tolerance = 0.5f;  // a slab a little below ground level is still the ground floor
    size_t firstAbove = 0;
    if (!std::isnan(ground)) {
        while (firstAbove < floors.size() && floors[firstAbove].elevation < ground - tolerance) {
            ++firstAbove;
        }
    }
    for (size_t i = 0; i < floors.size(); ++i) {
        floors[i].number = i >= firstAbove ? int(i - firstAbove) + 1 : -int(firstAbove - i);
    }
}

std::vector<DetectedFloor> elevationBands(const ImportedModel& model, const FloorHints& hints) {
    std::vector<DetectedFloor> floors;
    const Bounds& world = model.worldBounds;
    if (world.empty() || hints.floorHeights.empty()) return floors;
    float elevation = std::isnan(hints.groundElevation) ? world.min.y : hints.groundElevation;
    for (size_t i = 0; elevation < world.max.y - 1e-3f && i < 1000; ++i) {
        const float height = hints.floorHeights[std::min(i, hints.floorHeights.size() - 1)];
        if (!(height > 0.1f)) break;  // a zero or NaN height would never reach the top
        DetectedFloor floor{.number = int(i) + 1,
                            .name = strCat("Floor ", i + 1),
                            .elevation = elevation,
                            .height = height};
        for (uint32_t n = 0; n < model.nodes.size(); ++n) {
            const Bounds& b = model.nodes[n].worldBounds;
            if (!b.empty() && b.min.y < elevation + height && b.max.y > elevation) {
                floor.nodes.push_back(n);
            }
        }
        floors.push_back(std::move(floor));
        elevation += height;
    }
    return floors;
}

}  // namespace

std::optional<int> floorNumberFromName(const std::string& name) {
    using std::regex;
    const auto icase = regex::ECMAScript | regex::icase;
    // Each pattern: (sign marker or not, number). Letters before "L"/"F" must not be letters, so
    // "Wall3" or "Shelf2" do not match.
    static const regex basement(R"((?:^|[^A-Za-z])(?:B|Basement[ _-]?|UG[ _-]?)(\d{1,2})(?![0-9]))",
                                icase);
    static const regex basementZh("(?:地下|负)(\\d{1,2})(?:层|楼)?");
    static const regex level(
        R"((?:^|[^A-Za-z])(?:Level|Lvl|Floor|Storey|FL|L|F)[ _-]?(\d{1,3})(?![0-9]))", icase);
    static const regex numberF(R"((?:^|[^A-Za-z0-9])(\d{1,3})[ _/-]?F(?![A-Za-z]))", icase);
    static const regex zh("(?:楼层|第)[ _-]?(\\d{1,3})|(\\d{1,3})[ _-]?(?:层|楼)");
    std::smatch m;
    if (std::regex_search(name, m, basementZh) || std::regex_search(name, m, basement)) {
        return -std::stoi(m[1].str());
    }
    if (std::regex_search(name, m, zh)) return std::stoi(m[1].matched ? m[1].str() : m[2].str());
    if (std::regex_search(name, m, level) || std::regex_search(name, m, numberF)) {
        return std::stoi(m[1].str());
    }
    return std::nullopt;
}

FloorDetection detectFloors(const ImportedModel& model, const FloorHints& hints) {
    FloorDetection result;
    auto storeys = highestMatches(model, ifcStoreyIndex);
    if (!storeys.empty()) {
        result.source = FloorSource::IfcStoreys;
        // An IFC storey's placement is its official elevation (slab top, e.g. 0.0 and 2.7 m),
        // while its geometry starts below that (the slab's underside). Exporters that place
        // every storey at 0 leave only the geometry to go by.
        float lowest = std::numeric_limits<float>::max(), highest = -lowest;
        for (const auto& [node, index] : storeys) {
            lowest = std::min(lowest, model.nodes[node].worldTransform[3].y);
            highest = std::max(highest, model.nodes[node].worldTransform[3].y);
        }
        result.floors = floorsFromGroups(model, storeys, true, highest - lowest > 0.01f);
        numberIfcStoreys(result.floors, hints.groundElevation);
        return result;
    }
    auto named = highestMatches(model, floorNumberFromName);
    std::vector<int> numbers;
    for (const auto& match : named)
        numbers.push_back(match.second);
    std::sort(numbers.begin(), numbers.end());
    if (std::unique(numbers.begin(), numbers.end()) - numbers.begin() >= 2) {
        result.source = FloorSource::Naming;
        result.floors = floorsFromGroups(model, named, false, false);
        return result;
    }
    result.floors = elevationBands(model, hints);
    if (!result.floors.empty()) result.source = FloorSource::ElevationBands;
    return result;
}

}  // namespace pt::assets
