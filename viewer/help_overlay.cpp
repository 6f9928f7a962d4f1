#include "viewer/help_overlay.h"

#include <imgui.h>

#include <array>

#include "viewer/i18n.h"

namespace pt::viewer {
namespace {

constexpr std::array kShortcuts = {
    Shortcut{"F1 / ?", "F1 / ?", "show or hide this help", "显示或隐藏本帮助"},
    Shortcut{"Left drag", "左键拖动", "orbit around the target", "围绕目标旋转"},
    Shortcut{"Right / middle drag", "右键/中键拖动", "pan", "平移"},
    Shortcut{"Wheel", "滚轮", "zoom", "缩放"},
    Shortcut{"Click", "单击", "select what is under the cursor", "选中光标下的对象"},
    Shortcut{"Double-click", "双击", "select and fly to it", "选中并飞至该对象"},
    Shortcut{"Esc", "Esc", "clear the selection and the floor mode", "取消选中和楼层模式"},
    Shortcut{"F", "F", "fly to the selection", "飞至选中对象"},
    Shortcut{"0-5", "0-5", "floor mode: none, isolate, ghost, cutaway, explode, section",
             "楼层模式: 无、单独显示、透明、剖切、分解、剖面"},
    Shortcut{"P", "P", "plan view of the selected floor (again: back)",
             "选中楼层的平面图 (再按返回)"},
    Shortcut{"V", "V", "walk the selected floor (WASD, Shift runs, drag looks)",
             "在选中楼层漫游 (WASD, Shift 加速, 拖动转向)"},
    Shortcut{"C", "C", "fly mode (WASD, Q/E down/up, Shift faster, drag looks)",
             "飞行模式 (WASD, Q/E 下降/上升, Shift 加速, 拖动转向)"},
    Shortcut{"B", "B", "save the current view as a bookmark", "保存当前视角为书签"},
    Shortcut{"G", "G", "go to the next saved view", "转到下一个保存的视角"},
    Shortcut{"T", "T", "play or stop the tour", "播放或停止巡游"},
    Shortcut{"R", "R", "open the tour recorder", "打开巡游录制器"},
    Shortcut{"K", "K", "add a keyframe (recorder open)", "添加关键帧 (录制器打开时)"},
    Shortcut{"F5", "F5", "presentation mode (exhibition look)", "演示模式 (展厅效果)"},
    Shortcut{"L", "L", "switch the language (English / 中文)", "切换语言 (English / 中文)"},
    Shortcut{"H", "H", "hide or show the panels", "隐藏或显示面板"},
};

}  // namespace

std::span<const Shortcut> shortcuts() {
    return kShortcuts;
}

void drawHelpOverlay(bool zh, bool* open) {
    if (!*open) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
        ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    if (!ImGui::Begin(tr(zh, "Keyboard and mouse###help", "键盘与鼠标###help"), open,
                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                          ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    if (ImGui::BeginTable("##shortcuts", 2,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        for (const Shortcut& s : kShortcuts) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(ImVec4(0.55f, 0.8f, 1.0f, 1.0f), "%s", tr(zh, s.keys, s.keysZh));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(tr(zh, s.en, s.zh));
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("%s",
                        tr(zh, "Panels: click a row in the portfolio to select and fly to it.",
                           "面板: 点击资产目录中的一行即可选中并飞至该对象。"));
    ImGui::End();
}

}  // namespace pt::viewer
