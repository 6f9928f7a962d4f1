#pragma once
// Screen-space placement of entity labels (building names, unit tenants, KPI tags): which labels
// fit this frame and where. Pure CPU logic on a view-projection and the viewport size; the app
// draws the result (text, leader lines) itself. Deterministic: the same input gives the same
// layout, ties broken by candidate order. Main thread, once per frame (or when the camera moves).
//
// Steps: project each anchor (drop behind-camera and off-screen ones), ask the app whether the
// anchor is occluded (it reads the entity-id buffer), collapse crowded grid cells into cluster
// labels, then place the rest by priority (highest first), trying a few positions around the
// anchor (above, right, left, below) and dropping a label that fits nowhere. Cost: O(n log n)
// for the sort plus a spatial hash for the overlap tests.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "park/park_model.h"

namespace pt::twin {

struct LabelCandidate {
    glm::vec3 anchor{0.0f};  // world position the label belongs to
    glm::vec2 size{0.0f};    // text box in pixels (w, h)
    float priority = 0.0f;   // higher is placed first
    park::EntityIndex entity = park::kNoEntity;
};

// Pixel rectangle, y down from the viewport's top-left (as the images and the id buffer are).
struct LabelRect {
    glm::vec2 min{0.0f};
    glm::vec2 max{0.0f};

    bool overlaps(const LabelRect& o) const {
        return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
    }
    bool contains(glm::vec2 p) const {
        return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
    }
};

enum class LabelPosition : std::uint8_t { Above, Right, Left, Below };

struct PlacedLabel {
    LabelRect rect;
    std::uint32_t candidate = 0;  // index into the candidates
    glm::vec2 anchorPixel{0.0f};  // where the leader line starts
    LabelPosition position = LabelPosition::Above;
};

// Stands for more than `clusterThreshold` visible candidates whose anchors share a grid cell:
// the app draws "count" (or "12 units") in `rect`, which lies inside that cell.
struct LabelCluster {
    LabelRect rect;
    std::uint32_t count = 0;
    std::vector<std::uint32_t> members;  // candidate indices, ascending
};

struct LabelLayoutOptions {
    float anchorGap = 4.0f;  // pixels between the anchor and the label's nearest edge
    float padding = 2.0f;    // minimum pixels between two labels
    // Clustering grid in pixels; a cell with more than `clusterThreshold` visible candidates
    // becomes one cluster label. 0 turns clustering off.
    float clusterCellSize = 160.0f;
    std::uint32_t clusterThreshold = 8;
    glm::vec2 clusterSize{44.0f, 22.0f};  // pixel size of a cluster label (clamped to the cell)
    // Screen areas the UI's panels cover: no label or cluster is placed over them (it would show
    // through a translucent panel), and an anchor under one is dropped.
    std::vector<LabelRect> covered;
};

struct LabelLayout {
    std::vector<PlacedLabel> labels;  // in placement order (priority, then candidate index)
    std::vector<LabelCluster> clusters;
    std::uint32_t droppedBehind = 0;     // behind the camera or before its near plane
    std::uint32_t droppedOffscreen = 0;  // anchor outside the viewport
    std::uint32_t droppedOccluded = 0;   // the predicate said the anchor is hidden
    std::uint32_t droppedOverlap = 0;    // no free position around the anchor
    std::uint32_t droppedCovered = 0;    // the anchor (or its cluster) is under a panel
};

// True if the candidate's anchor, seen at `pixel`, is hidden by other geometry. The app answers
// from the entity-id buffer (the id at `pixel` is not the candidate's entity or its descendant).
// Empty function: nothing is occluded.
using LabelOcclusionTest = std::function<bool(const LabelCandidate&, glm::vec2 pixel)>;

LabelLayout layoutLabels(std::span<const LabelCandidate> candidates,
                         const glm::mat4& viewProjection, glm::vec2 viewport,
                         const LabelOcclusionTest& occluded,
                         const LabelLayoutOptions& options = {});

// The pixel an anchor projects to (y down), or nothing if it is behind the camera / before the
// near plane / past the far plane. Reversed-Z Vulkan clip space: visible depth is 0..1.
std::optional<glm::vec2> projectToPixel(const glm::vec3& world, const glm::mat4& viewProjection,
                                        glm::vec2 viewport);

}  // namespace pt::twin
