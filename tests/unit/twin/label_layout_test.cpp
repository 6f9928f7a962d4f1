#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "render/camera.h"
#include "twin/label_layout.h"

using namespace pt;
using twin::LabelCandidate;
using twin::LabelLayout;
using twin::LabelLayoutOptions;
using twin::LabelPosition;
using twin::LabelRect;

namespace {

constexpr glm::vec2 kViewport{800.0f, 600.0f};

// Looks down -Z at the origin from z = 100; x right, y up on screen.
render::Camera frontCamera() {
    render::Camera c;
    c.eye = {0, 0, 100};
    c.target = {0, 0, 0};
    c.up = {0, 1, 0};
    return c;
}

glm::mat4 frontViewProjection() {
    return frontCamera().viewProjection(kViewport.x / kViewport.y);
}

// The world point on the z = 0 plane that lands on `pixel` (inverting the front camera).
glm::vec3 worldAtPixel(glm::vec2 pixel) {
    const glm::mat4 inv = glm::inverse(frontViewProjection());
    const glm::vec2 ndc = pixel / kViewport * 2.0f - 1.0f;
    const glm::vec4 a = inv * glm::vec4(ndc, 1.0f, 1.0f);  // near plane (reversed Z)
    const glm::vec4 b = inv * glm::vec4(ndc, 0.5f, 1.0f);
    const glm::vec3 p0 = glm::vec3(a) / a.w, p1 = glm::vec3(b) / b.w;
    const float s = -p0.z / (p1.z - p0.z);
    return p0 + (p1 - p0) * s;
}

LabelCandidate at(glm::vec2 pixel, glm::vec2 size, float priority, park::EntityIndex entity = 0) {
    return {worldAtPixel(pixel), size, priority, entity};
}

LabelLayoutOptions noClusters() {
    LabelLayoutOptions o;
    o.clusterCellSize = 0.0f;
    return o;
}

LabelLayout layout(const std::vector<LabelCandidate>& candidates,
                   const LabelLayoutOptions& options = noClusters(),
                   const twin::LabelOcclusionTest& occluded = {}) {
    return twin::layoutLabels(candidates, frontViewProjection(), kViewport, occluded, options);
}

std::set<uint32_t> placedSet(const LabelLayout& l) {
    std::set<uint32_t> out;
    for (const auto& p : l.labels)
        out.insert(p.candidate);
    return out;
}

// Pseudo-random but fixed (a tiny LCG; std distributions differ between libraries).
struct Lcg {
    uint32_t state = 12345u;
    float next() {
        state = state * 1664525u + 1013904223u;
        return float(state >> 8) / float(1u << 24);
    }
};

}  // namespace

TEST_CASE("Anchors project to pixels with y down, behind and before the near plane are none",
          "[labels]") {
    const glm::mat4 vp = frontViewProjection();
    const auto centre = twin::projectToPixel({0, 0, 0}, vp, kViewport);
    REQUIRE(centre.has_value());
    CHECK(centre->x == Approx(400.0f));
    CHECK(centre->y == Approx(300.0f));
    const auto up = twin::projectToPixel({0, 10, 0}, vp, kViewport);
    REQUIRE(up.has_value());
    CHECK(up->y < 300.0f);
    CHECK(worldAtPixel({123, 456}).z == Approx(0.0f).margin(1e-3));
    CHECK(twin::projectToPixel(worldAtPixel({123, 456}), vp, kViewport)->x == Approx(123.0f));
    CHECK_FALSE(twin::projectToPixel({0, 0, 150}, vp, kViewport).has_value());    // behind
    CHECK_FALSE(twin::projectToPixel({0, 0, 99.9f}, vp, kViewport).has_value());  // before near
}

TEST_CASE("Behind-camera, off-screen and occluded anchors are dropped", "[labels]") {
    const glm::vec2 size{60, 16};
    std::vector<LabelCandidate> c{
        at({200, 200}, size, 1, 10),    // 0 placed
        {{0, 0, 180}, size, 9, 11},     // 1 behind the camera
        {{0, 0, 100.1f}, size, 9, 12},  // 2 behind too (just past the eye)
        {worldAtPixel({200, 200}) + glm::vec3(500, 0, 0), size, 9, 13},  // 3 off-screen right
        {worldAtPixel({600, 400}), size, 9, 14},                         // 4 occluded (entity 14)
        at({600, 200}, size, 1, 15),                                     // 5 placed
    };
    std::vector<std::pair<uint32_t, glm::vec2>> asked;
    const auto l = layout(c, noClusters(), [&](const LabelCandidate& cand, glm::vec2 pixel) {
        asked.emplace_back(cand.entity, pixel);
        return cand.entity == 14;
    });
    CHECK(placedSet(l) == std::set<uint32_t>{0, 5});
    CHECK(l.droppedBehind == 2);
    CHECK(l.droppedOffscreen == 1);
    CHECK(l.droppedOccluded == 1);
    CHECK(l.droppedOverlap == 0);
    // The predicate is asked only about on-screen anchors, at their pixel.
    REQUIRE(asked.size() == 3);
    CHECK(asked[1].first == 14u);
    CHECK(asked[1].second.x == Approx(600.0f));
    CHECK(asked[1].second.y == Approx(400.0f));
}

TEST_CASE("Higher priority wins the spot, others try above, right, left, below", "[labels]") {
    // Three labels on one anchor: above is taken first; right and left collide with it
    // (the label is wider than the gap), below is free; the third has nowhere to go.
    const glm::vec2 anchor{400, 300}, size{60, 16};
    std::vector<LabelCandidate> c{at(anchor, size, 1.0f), at(anchor, size, 5.0f),
                                  at(anchor, size, 3.0f)};
    const auto l = layout(c);
    REQUIRE(l.labels.size() == 2);
    CHECK(l.labels[0].candidate == 1u);
    CHECK(l.labels[0].position == LabelPosition::Above);
    CHECK(l.labels[0].rect.max.y == Approx(anchor.y - 4.0f));
    CHECK(l.labels[0].rect.min.x == Approx(anchor.x - 30.0f));
    CHECK(l.labels[1].candidate == 2u);
    CHECK(l.labels[1].position == LabelPosition::Below);
    CHECK(l.droppedOverlap == 1);

    // With a wider gap, flat labels fit to the right and left of the one above, then below.
    LabelLayoutOptions wide = noClusters();
    wide.anchorGap = 10.0f;
    std::vector<LabelCandidate> narrow{at(anchor, {60, 16}, 9), at(anchor, {30, 4}, 8),
                                       at(anchor, {30, 4}, 7), at(anchor, {30, 4}, 6)};
    const auto n = layout(narrow, wide);
    REQUIRE(n.labels.size() == 4);
    CHECK(n.labels[1].position == LabelPosition::Right);
    CHECK(n.labels[2].position == LabelPosition::Left);
    CHECK(n.labels[3].position == LabelPosition::Below);

    // Equal priorities: the earlier candidate wins (deterministic ties).
    std::vector<LabelCandidate> tie{at(anchor, size, 2), at(anchor, size, 2), at(anchor, size, 2)};
    CHECK(placedSet(layout(tie)) == std::set<uint32_t>{0, 1});
}

TEST_CASE("A label that does not fit in the viewport moves round or is dropped", "[labels]") {
    // Near the top edge: above, right and left would leave the viewport; below fits.
    const auto l = layout({at({100, 5}, {60, 16}, 1)});
    REQUIRE(l.labels.size() == 1);
    CHECK(l.labels[0].position == LabelPosition::Below);
    CHECK(l.labels[0].rect.min.y >= 0.0f);
    CHECK(layout({at({400, 300}, {900, 16}, 1)}).labels.empty());
}

TEST_CASE("Many labels: none overlap, all inside the viewport, every candidate accounted for",
          "[labels]") {
    Lcg rng;
    std::vector<LabelCandidate> c;
    for (int i = 0; i < 400; ++i) {
        const glm::vec2 pixel{rng.next() * kViewport.x, rng.next() * kViewport.y};
        const glm::vec2 size{20 + rng.next() * 80, 12 + rng.next() * 8};
        c.push_back(at(pixel, size, std::floor(rng.next() * 5), park::EntityIndex(i)));
    }
    const auto l = layout(c);
    CHECK(l.labels.size() > 40);
    CHECK(l.droppedOverlap > 0);
    CHECK(l.labels.size() + l.droppedOverlap + l.droppedBehind + l.droppedOffscreen +
              l.droppedOccluded ==
          c.size());
    for (size_t i = 0; i < l.labels.size(); ++i) {
        const LabelRect& r = l.labels[i].rect;
        CHECK(r.min.x >= 0.0f);
        CHECK(r.min.y >= 0.0f);
        CHECK(r.max.x <= kViewport.x);
        CHECK(r.max.y <= kViewport.y);
        CHECK(glm::length(r.max - r.min - c[l.labels[i].candidate].size) < 1e-3f);
        for (size_t j = i + 1; j < l.labels.size(); ++j) {
            // Padding (2 px) between any two labels.
            const LabelRect& o = l.labels[j].rect;
            const LabelRect padded{o.min - 2.0f, o.max + 2.0f};
            INFO(i << " vs " << j);
            CHECK_FALSE(r.overlaps(padded));
        }
    }
    // Placement order is by priority.
    for (size_t i = 1; i < l.labels.size(); ++i)
        CHECK(c[l.labels[i - 1].candidate].priority >= c[l.labels[i].candidate].priority);
    // Deterministic.
    const auto again = layout(c);
    REQUIRE(again.labels.size() == l.labels.size());
    for (size_t i = 0; i < l.labels.size(); ++i) {
        CHECK(again.labels[i].candidate == l.labels[i].candidate);
        CHECK(again.labels[i].rect.min == l.labels[i].rect.min);
    }
}

TEST_CASE("Crowded grid cells become one cluster label with the right count", "[labels]") {
    LabelLayoutOptions o;
    o.clusterCellSize = 100.0f;
    o.clusterThreshold = 3;
    o.clusterSize = {40, 20};
    std::vector<LabelCandidate> c;
    // Five anchors in cell (2, 2) = pixels 200..300: more than 3 -> a cluster.
    for (int i = 0; i < 5; ++i)
        c.push_back(at({210.0f + 15.0f * float(i), 250.0f}, {30, 10}, 1.0f, 100 + i));
    // Three in cell (5, 1): exactly the threshold -> placed one by one where they fit.
    for (int i = 0; i < 3; ++i)
        c.push_back(at({520.0f + 30.0f * float(i), 150.0f}, {20, 8}, 1.0f, 200 + i));
    // One occluded anchor in the crowded cell does not count.
    c.push_back({worldAtPixel({290, 290}), {30, 10}, 1.0f, 999});
    const auto l =
        layout(c, o, [](const LabelCandidate& cand, glm::vec2) { return cand.entity == 999; });
    REQUIRE(l.clusters.size() == 1);
    const auto& cluster = l.clusters[0];
    CHECK(cluster.count == 5u);
    CHECK(cluster.members == std::vector<uint32_t>{0, 1, 2, 3, 4});
    CHECK(cluster.rect.min.x >= 200.0f);
    CHECK(cluster.rect.max.x <= 300.0f);
    CHECK(cluster.rect.min.y >= 200.0f);
    CHECK(cluster.rect.max.y <= 300.0f);
    CHECK(cluster.rect.max - cluster.rect.min == glm::vec2(40, 20));
    CHECK(placedSet(l) == std::set<uint32_t>{5, 6, 7});
    CHECK(l.droppedOccluded == 1);
    for (const auto& p : l.labels)
        CHECK_FALSE(p.rect.overlaps(cluster.rect));

    // Clustering off: the same five are placed (or dropped) one by one.
    const auto flat = layout(
        c, noClusters(), [](const LabelCandidate& cand, glm::vec2) { return cand.entity == 999; });
    CHECK(flat.clusters.empty());
    CHECK(flat.labels.size() + flat.droppedOverlap == 8);
}

TEST_CASE("Labels never cover a cluster and clusters never overlap", "[labels]") {
    LabelLayoutOptions o;
    o.clusterCellSize = 50.0f;
    o.clusterThreshold = 2;
    Lcg rng;
    std::vector<LabelCandidate> c;
    for (int i = 0; i < 300; ++i)
        c.push_back(at({rng.next() * kViewport.x, rng.next() * kViewport.y},
                       {30 + rng.next() * 40, 12}, rng.next(), park::EntityIndex(i)));
    const auto l = layout(c, o);
    REQUIRE(l.clusters.size() > 3);
    size_t inClusters = 0;
    for (size_t i = 0; i < l.clusters.size(); ++i) {
        inClusters += l.clusters[i].count;
        CHECK(l.clusters[i].count > o.clusterThreshold);
        CHECK(l.clusters[i].members.size() == l.clusters[i].count);
        for (size_t j = i + 1; j < l.clusters.size(); ++j)
            CHECK_FALSE(l.clusters[i].rect.overlaps(l.clusters[j].rect));
        for (const auto& p : l.labels)
            CHECK_FALSE(p.rect.overlaps(l.clusters[i].rect));
    }
    CHECK(inClusters + l.labels.size() + l.droppedOverlap == c.size());
}

TEST_CASE("Labels keep clear of the panels, anchors under a panel are dropped", "[labels]") {
    const glm::vec2 size{60, 16};
    LabelLayoutOptions o = noClusters();
    // A panel just above the anchor at (400, 300): "above" would reach into it.
    o.covered = {{{300, 200}, {500, 290}}, {{600, 0}, {800, 600}}};
    std::vector<LabelCandidate> c{
        at({400, 300}, size, 2),  // 0: moves round, not above
        at({700, 300}, size, 1),  // 1: its anchor is under the right-hand panel
        at({100, 300}, size, 1),  // 2: far from both, above as usual
    };
    const auto l = layout(c, o);
    CHECK(placedSet(l) == std::set<uint32_t>{0, 2});
    CHECK(l.droppedCovered == 1);
    CHECK(l.droppedOverlap == 0);
    for (const auto& p : l.labels) {
        INFO("candidate " << p.candidate);
        for (const LabelRect& panel : o.covered)
            CHECK_FALSE(p.rect.overlaps(panel));
    }
    CHECK(l.labels[0].candidate == 0u);
    CHECK(l.labels[0].position == LabelPosition::Right);
    CHECK(l.labels[1].position == LabelPosition::Above);

    // Without panels the same candidates all go above their anchors.
    const auto free = layout(c);
    CHECK(free.labels.size() == 3);
    CHECK(free.droppedCovered == 0);

    // A crowded cell whose cluster label would lie under a panel: no cluster, and no member is
    // labelled one by one either.
    LabelLayoutOptions clustered;
    clustered.covered = {{{0, 0}, {190, 160}}};  // the anchors are right of it, the cluster not
    std::vector<LabelCandidate> crowd;
    for (int i = 0; i < 12; ++i)
        crowd.push_back(at({200.0f + float(i % 4) * 5.0f, 30.0f + float(i / 4) * 5.0f}, size, 1));
    const auto lc = layout(crowd, clustered);
    CHECK(lc.clusters.empty());
    CHECK(lc.labels.empty());
    CHECK(lc.droppedCovered == 12);
    clustered.covered.clear();
    CHECK(layout(crowd, clustered).clusters.size() == 1);
}
