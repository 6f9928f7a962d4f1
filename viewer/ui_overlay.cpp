#include "viewer/ui_overlay.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "viewer/i18n.h"

namespace pt::viewer {

void UiCost::add(float cpuMs, std::span<const gfx::PassTime> gpuPasses, float frameMs) {
    m_recentCpuMs = m_seen == 0 ? cpuMs : 0.9f * m_recentCpuMs + 0.1f * cpuMs;
    if (++m_seen <= kWarmupFrames) return;
    float gpuMs = 0;
    for (const gfx::PassTime& pass : gpuPasses)
        if (pass.name == "ui") gpuMs += pass.milliseconds;
    m_cpuMs += cpuMs;
    m_gpuMs += gpuMs;
    m_frameMs += frameMs;
    ++m_count;
}

std::string UiCost::summary() const {
    if (m_count == 0) return "ui cost: no frames measured";
    const double n = double(m_count);
    const double ui = (m_cpuMs + m_gpuMs) / n, frame = m_frameMs / n;
    char text[256];
    std::snprintf(text, sizeof(text),
                  "ui cost over %zu frames: cpu %.3f ms + gpu %.3f ms = %.3f ms per frame, "
                  "frame %.2f ms, ui share %.2f %%",
                  m_count, m_cpuMs / n, m_gpuMs / n, ui, frame,
                  frame > 0 ? 100.0 * ui / frame : 0.0);
    return text;
}

void FrameTimeOverlay::addFrameTime(float milliseconds) {
    m_frameMs[m_next] = milliseconds;
    m_next = (m_next + 1) % kHistory;
    m_count = std::min(m_count + 1, kHistory);
}

void FrameTimeOverlay::draw(const OverlayStats& s) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Top, right of the portfolio panel.
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 394, vp->WorkPos.y + 12),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.75f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing;
    ImGui::SetNextWindowCollapsed(false, ImGuiCond_FirstUseEver);
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
    ImGui::Text(tr(s.chinese, "frame %.1f ms (%.0f fps), worst %.1f ms",
                   "帧 %.1f 毫秒 (%.0f fps), 最慢 %.1f 毫秒"),
                avg, avg > 0 ? 1000.0f / avg : 0.0f, worst);
    if (ImGui::CollapsingHeader(tr(s.chinese, "Performance", "性能"))) {
        ImGui::PlotLines("##frametimes", ordered.data(), int(m_count), 0, nullptr, 0.0f,
                         std::max(33.3f, worst), ImVec2(260, 40));
        for (const auto& pass : s.gpuPasses)
            ImGui::Text("GPU %-6s %.2f ms", pass.name.c_str(), pass.milliseconds);
        ImGui::Text(tr(s.chinese, "%u instances, %llu triangles", "%u 个实例, %llu 个三角形"),
                    s.instances, (unsigned long long)s.triangles);
        ImGui::Text("%s", s.deviceName.c_str());
        if (s.validation)
            ImGui::Text(tr(s.chinese, "validation: %u errors", "验证错误: %u"), s.validationErrors);
    }
    if (!s.dataStatus.empty())
        ImGui::Text("%s %s", tr(s.chinese, "data:", "数据:"), s.dataStatus.c_str());
    if (s.uiCpuMs > 0 && avg > 0)
        ImGui::Text(tr(s.chinese, "UI build+record %.2f ms (%.1f %% of frame)",
                       "界面构建+录制 %.2f 毫秒 (占帧 %.1f %%)"),
                    s.uiCpuMs, 100.0 * s.uiCpuMs / avg);
    if (s.commands && ImGui::SmallButton(s.chinese ? "English" : "中文"))
        s.commands->push(LanguageCommand{s.chinese ? "en" : "zh"});
    if (s.showHelp) {
        ImGui::SameLine();
        if (ImGui::SmallButton(tr(s.chinese, "Help (F1)", "帮助 (F1)"))) *s.showHelp = !*s.showHelp;
    }
    ImGui::End();
}

}  // namespace pt::viewer
