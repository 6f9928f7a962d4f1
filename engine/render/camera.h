#pragma once
// Cameras as plain values (no Vulkan). Projection is reversed-Z with an infinite far plane for
// perspective (precision where a park needs it: near objects and far horizons alike) and a
// Vulkan clip space (y down, depth 0..1).
#include <glm/glm.hpp>

namespace pt::render {

struct Camera {
    glm::vec3 eye{60.0f, 45.0f, 60.0f};
    glm::vec3 target{0.0f};
    glm::vec3 up{0.0f, 1.0f, 0.0f};
    float fovYDegrees = 45.0f;
    float nearPlane = 0.25f;
    bool orthographic = false;
    float orthoHeight = 100.0f;  // world units visible vertically in orthographic mode
    float orthoDepth = 2000.0f;  // world depth range in orthographic mode
    // The part of the full image this camera draws, as fractions of it: (x0, y0, x1, y1), y down
    // like image rows; {0, 0, 1, 1} is the whole image. A video-wall tile or one tile of a tiled
    // screenshot draws a sub-rectangle (an off-axis frustum): the `aspect` passed to projection()
    // is then the tile's own, and the full image's aspect follows from it and this rectangle.
    glm::vec4 subRect{0.0f, 0.0f, 1.0f, 1.0f};

    glm::mat4 view() const;
    // `aspect`: width / height of the image drawn (the tile's, with a sub-rectangle).
    glm::mat4 projection(float aspect) const;
    glm::mat4 viewProjection(float aspect) const { return projection(aspect) * view(); }
};

// Orbit/zoom/pan around a target point, the operator's default navigation. Angles in radians;
// pitch is kept away from the poles so the view never flips.
struct OrbitController {
    glm::vec3 target{0.0f};
    float yaw = 0.785f;
    float pitch = 0.6f;
    float distance = 100.0f;
    float minDistance = 2.0f;
    float maxDistance = 5000.0f;

    static OrbitController lookingAt(const glm::vec3& eye, const glm::vec3& target);
    Camera camera(const Camera& lens = {}) const;
    // Mouse drag in pixels: 0.005 rad per pixel feels right at 1080p.
    void orbit(float dxPixels, float dyPixels);
    // Wheel steps: each step moves 12 % of the distance, so zoom feels the same at any scale.
    void zoom(float steps);
    // Drag in pixels, moving the target in the view plane so the grabbed point follows the cursor.
    void pan(float dxPixels, float dyPixels, float viewportHeight, float fovYDegrees);
};

}  // namespace pt::render
