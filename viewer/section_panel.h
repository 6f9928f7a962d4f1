#pragma once
// The free section plane's controls (floor mode 5, "section"): which axis it cuts, where along
// it, and which side is removed. Shown only in that mode; the offset slider spans the selected
// building (or the whole park). Dear ImGui, main thread.
#include <glm/glm.hpp>

#include "twin/inspection.h"

namespace pt::viewer {

class SectionPanel {
public:
    // Draws the panel and returns the plane for InspectionState::sectionPlane. `lo`/`hi`: the
    // bounds the slider spans; the offset starts in their middle and is kept inside them.
    glm::vec4 draw(glm::vec3 lo, glm::vec3 hi, bool chinese);

private:
    twin::SectionAxis m_axis = twin::SectionAxis::EastWest;
    float m_offset = 0.0f;
    bool m_flip = false;
    bool m_placed = false;  // the offset has been put in the middle of the bounds once
};

}  // namespace pt::viewer
