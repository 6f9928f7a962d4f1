#include "twin/label_layout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

namespace pt::twin {
namespace {

// Bucket size of the spatial hash used for overlap tests: about one short label.
constexpr float kBucketSize = 64.0f;

std::int64_t cellKey(std::int32_t x, std::int32_t y) {
    return (std::int64_t(y) << 32) | std::uint32_t(x);
}

// Rectangles already taken (clusters, placed labels), bucketed on a pixel grid so that each
// test looks at the few rectangles nearby.
class OccupancyGrid {
public:
    bool overlapsAny(const LabelRect& rect) const {
        bool hit = false;
        forEachBucket(rect, [&](std::int64_t key) {
            if (hit) return;
            const auto it = m_buckets.find(key);
            if (it == m_buckets.end()) return;
            for (std::uint32_t r : it->second)
                if (m_rects[r].overlaps(rect)) {
                    hit = true;
                    return;
                }
        });
        return hit;
    }

    void insert(const LabelRect& rect) {
        const auto index = std::uint32_t(m_rects.size());
        m_rects.push_back(rect);
        forEachBucket(rect, [&](std::int64_t key) { m_buckets[key].push_back(index); });
    }

private:
    template <typename F>
    static void forEachBucket(const LabelRect& rect, F&& f) {
        const auto x0 = std::int32_t(std::floor(rect.min.x / kBucketSize));
        const auto x1 = std::int32_t(std::floor(rect.max.x / kBucketSize));
        const auto y0 = std::int32_t(std::floor(rect.min.y / kBucketSize));
        const auto y1 = std::int32_t(std::floor(rect.max.y / kBucketSize));
        for (std::int32_t y = y0; y <= y1; ++y)
            for (std::int32_t x = x0; x <= x1; ++x)
                f(cellKey(x, y));
    }

    std::vector<LabelRect> m_rects;
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> m_buckets;
};

struct Visible {
    std::uint32_t candidate = 0;
    glm::vec2 pixel{0.0f};
};

LabelRect rectAt(LabelPosition position, glm::vec2 anchor, glm::vec2 size, float gap) {
    glm::vec2 min{0.0f};
    switch (position) {
        case LabelPosition::Above:
            min = {anchor.x - 0.5f * size.x, anchor.y - gap - size.y};
            break;
        case LabelPosition::Right:
            min = {anchor.x + gap, anchor.y - 0.5f * size.y};
            break;
        case LabelPosition::Left:
            min = {anchor.x - gap - size.x, anchor.y - 0.5f * size.y};
            break;
        case LabelPosition::Below:
            min = {anchor.x - 0.5f * size.x, anchor.y + gap};
            break;
    }
    return {min, min + size};
}

bool insideViewport(const LabelRect& r, glm::vec2 viewport) {
    return r.min.x >= 0.0f && r.min.y >= 0.0f && r.max.x <= viewport.x && r.max.y <= viewport.y;
}

// Groups visible candidates by clustering cell; cells over the threshold become clusters (their
// rectangles go into `occupied`), the others stay in `remaining`.
// Clusters whose label would lie under a panel are dropped with their members; the count of
// those members is added to `droppedCovered`.
void clusterCrowdedCells(const std::vector<Visible>& visible, glm::vec2 viewport,
                         const LabelLayoutOptions& options, OccupancyGrid& occupied,
                         std::vector<LabelCluster>& clusters, std::vector<Visible>& remaining,
                         std::uint32_t& droppedCovered) {
    if (options.clusterCellSize <= 0.0f) {
        remaining = visible;
        return;
    }
    const float cell = options.clusterCellSize;
    // Ordered map: clusters come out row by row, left to right, whatever the input order.
    std::map<std::pair<std::int32_t, std::int32_t>, std::vector<std::uint32_t>> cells;
    for (std::uint32_t v = 0; v < visible.size(); ++v) {
        const glm::vec2 p = visible[v].pixel;
        cells[{std::int32_t(std::floor(p.y / cell)), std::int32_t(std::floor(p.x / cell))}]
            .push_back(v);
    }
    std::vector<bool> clustered(visible.size(), false);
    for (const auto& [key, members] : cells) {
        if (members.size() <= options.clusterThreshold) continue;
        LabelCluster cluster;
        glm::vec2 centroid{0.0f};
        for (std::uint32_t v : members) {
            clustered[v] = true;
            cluster.members.push_back(visible[v].candidate);
            centroid += visible[v].pixel;
        }
        centroid /= float(members.size());
        std::sort(cluster.members.begin(), cluster.members.end());
        cluster.count = std::uint32_t(members.size());
        // Centred on the members, kept inside its cell and the viewport, so two clusters never
        // overlap each other.
        const glm::vec2 cellMin = glm::vec2(float(key.second), float(key.first)) * cell;
        const glm::vec2 lo = glm::max(cellMin, glm::vec2(0.0f));
        const glm::vec2 hi = glm::min(cellMin + glm::vec2(cell), viewport);
        const glm::vec2 size = glm::min(options.clusterSize, glm::max(hi - lo, glm::vec2(0.0f)));
        const glm::vec2 min = glm::clamp(centroid - 0.5f * size, lo, glm::max(lo, hi - size));
        cluster.rect = {min, min + size};
        if (std::any_of(options.covered.begin(), options.covered.end(),
                        [&](const LabelRect& c) { return c.overlaps(cluster.rect); })) {
            droppedCovered += cluster.count;  // its members are not labelled one by one either
            continue;
        }
        occupied.insert(cluster.rect);
        clusters.push_back(std::move(cluster));
    }
    for (std::uint32_t v = 0; v < visible.size(); ++v)
        if (!clustered[v]) remaining.push_back(visible[v]);
}

}  // namespace

std::optional<glm::vec2> projectToPixel(const glm::vec3& world, const glm::mat4& viewProjection,
                                        glm::vec2 viewport) {
    const glm::vec4 clip = viewProjection * glm::vec4(world, 1.0f);
    if (!(clip.w > 1e-6f)) return std::nullopt;
    const glm::vec3 ndc = glm::vec3(clip) / clip.w;
    if (!(ndc.z >= 0.0f && ndc.z <= 1.0f)) return std::nullopt;
    return glm::vec2((ndc.x + 1.0f) * 0.5f * viewport.x, (ndc.y + 1.0f) * 0.5f * viewport.y);
}

LabelLayout layoutLabels(std::span<const LabelCandidate> candidates,
                         const glm::mat4& viewProjection, glm::vec2 viewport,
                         const LabelOcclusionTest& occluded, const LabelLayoutOptions& options) {
    LabelLayout out;
    std::vector<Visible> visible;
    visible.reserve(candidates.size());
    for (std::uint32_t i = 0; i < candidates.size(); ++i) {
        const auto pixel = projectToPixel(candidates[i].anchor, viewProjection, viewport);
        if (!pixel) {
            out.droppedBehind++;
        } else if (pixel->x < 0.0f || pixel->y < 0.0f || pixel->x >= viewport.x ||
                   pixel->y >= viewport.y) {
            out.droppedOffscreen++;
        } else if (std::any_of(options.covered.begin(), options.covered.end(),
                               [&](const LabelRect& c) { return c.contains(*pixel); })) {
            out.droppedCovered++;  // under a panel: not asked about occlusion
        } else if (occluded && occluded(candidates[i], *pixel)) {
            out.droppedOccluded++;
        } else {
            visible.push_back({i, *pixel});
        }
    }

    OccupancyGrid occupied;
    std::vector<Visible> remaining;
    // Panels first: labels then keep clear of them as they keep clear of each other.
    for (const LabelRect& c : options.covered)
        occupied.insert(c);
    clusterCrowdedCells(visible, viewport, options, occupied, out.clusters, remaining,
                        out.droppedCovered);

    std::stable_sort(remaining.begin(), remaining.end(), [&](const Visible& a, const Visible& b) {
        return candidates[a.candidate].priority > candidates[b.candidate].priority;
    });
    constexpr std::array kPositions{LabelPosition::Above, LabelPosition::Right, LabelPosition::Left,
                                    LabelPosition::Below};
    const glm::vec2 pad(options.padding);
    for (const Visible& v : remaining) {
        const glm::vec2 size = candidates[v.candidate].size;
        bool placed = false;
        for (LabelPosition position : kPositions) {
            const LabelRect rect = rectAt(position, v.pixel, size, options.anchorGap);
            if (!insideViewport(rect, viewport)) continue;
            if (occupied.overlapsAny({rect.min - pad, rect.max + pad})) continue;
            occupied.insert(rect);
            out.labels.push_back({rect, v.candidate, v.pixel, position});
            placed = true;
            break;
        }
        if (!placed) out.droppedOverlap++;
    }
    return out;
}

}  // namespace pt::twin
