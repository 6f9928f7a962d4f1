#include "viewer/ui_overlay.h"

#include <imgui.h>

#include <algorithm>

#include "viewer/i18n.h"

namespace pt::viewer {

void FrameTimeOverlay::addFrameTime(float milliseconds) {
    m_frameMs[m_next] = milliseconds;
    m_next = (m_next + 1) % kHistory;
    m_count = std::min(m_count + 1, kHistory);
}

void FrameTimeOverlay::draw(const OverlayStats& s) {
    ImGui::SetNextWindowPos(ImVec2(12, 12), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.75f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing;
    if (!ImGui::Begin("ParkTwin", nullptr, flags)) {
        ImGui::End();
        return;
    }
    float sum = 0, worst = 0;
    std::array<float, kHistory> ordered{};
    for (size_t i = 0; i < m_count; ++i) {
        const float ms = m_frameMs[(m_next + kHistory - m_count + i) % kHistory];
        ordered[i] = ms;
        sum += ms;
        worst = std::max(worst, ms);
    }
    const float avg = m_count ? sum / float(m_count) : 0.0f;
    ImGui::Text("%s", s.sceneTitle.c_str());
    ImGui::Separator();
    ImGui::Text("frame %.1f ms (%.0f fps), worst %.1f ms", avg, avg > 0 ? 1000.0f / avg : 0.0f,
                worst);
    ImGui::PlotLines("##frametimes", ordered.data(), int(m_count), 0, nullptr, 0.0f,
                     std::max(33.3f, worst), ImVec2(260, 40));
    for (const auto& pass : s.gpuPasses)
        ImGui::Text("GPU %-6s %.2f ms", pass.name.c_str(), pass.milliseconds);
    ImGui::Text("%u instances, %llu triangles", s.instances, (unsigned long long)s.triangles);
    ImGui::Text("%s", s.deviceName.c_str());
    if (s.validation) ImGui::Text("validation: %u errors", s.validationErrors);
    if (!s.dataStatus.empty())
        ImGui::Text("%s %s", tr(s.chinese, "data:", "数据:"), s.dataStatus.c_str());
    ImGui::TextDisabled("%s",
                        tr(s.chinese, "drag: orbit  right-drag: pan  wheel: zoom  click: select",
                           "拖动: 旋转  右键拖动: 平移  滚轮: 缩放  点击: 选中"));
    ImGui::TextDisabled("%s", tr(s.chinese, "0-5 floor modes  F fly to  P plan  V walk  T tour",
                                 "0-5 楼层模式  F 飞至  P 平面图  V 漫游  T 巡检"));
    ImGui::TextDisabled("%s", tr(s.chinese, "B save view  G next saved view  Esc clear",
                                 "B 保存视角  G 下一个视角  Esc 取消"));
    ImGui::End();
}

}  // namespace pt::viewer
