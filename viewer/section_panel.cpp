#include "viewer/section_panel.h"

#include <imgui.h>

#include <algorithm>

namespace pt::viewer {

glm::vec4 SectionPanel::draw(glm::vec3 lo, glm::vec3 hi, bool zh) {
    const int a = int(m_axis);
    if (!m_placed) {
        m_offset = (lo[a] + hi[a]) * 0.5f;
        m_placed = true;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + 12),
                            ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(360, 0), ImGuiCond_FirstUseEver);
    if (ImGui::Begin(zh ? "剖切面###section" : "Section plane###section")) {
        static constexpr const char* kAxesEn[] = {"East-west", "Vertical", "North-south"};
        static constexpr const char* kAxesZh[] = {"东西向", "竖直 (水平切)", "南北向"};
        int axis = a;
        for (int i = 0; i < 3; ++i) {
            if (i > 0) ImGui::SameLine();
            ImGui::RadioButton(zh ? kAxesZh[i] : kAxesEn[i], &axis, i);
        }
        if (axis != a) {  // a new axis starts in the middle of the bounds along it
            m_axis = twin::SectionAxis(axis);
            m_offset = (lo[axis] + hi[axis]) * 0.5f;
        }
        const int b = int(m_axis);
        ImGui::SetNextItemWidth(-1);
        ImGui::SliderFloat("##offset", &m_offset, lo[b], hi[b], zh ? "位置 %.1f m" : "at %.1f m");
        ImGui::Checkbox(zh ? "切除另一侧" : "Cut the other side", &m_flip);
    }
    ImGui::End();
    const int b = int(m_axis);
    m_offset = std::clamp(m_offset, std::min(lo[b], hi[b]), std::max(lo[b], hi[b]));
    return twin::sectionPlane(m_axis, m_offset, m_flip);
}

}  // namespace pt::viewer
