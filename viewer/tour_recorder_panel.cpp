#include "viewer/tour_recorder_panel.h"

#include <imgui.h>

#include <cstdio>
#include <cstring>

namespace pt::viewer {

TourRecorderPanel::TourRecorderPanel(std::filesystem::path toursDir)
    : m_toursDir(std::move(toursDir)) {}

void TourRecorderPanel::addKeyframe(const RecorderSnapshot& now) {
    m_recorder.addKeyframe(now.camera, m_caption, m_captionZh);
    if (m_captureState) {
        m_recorder.addAction(SelectCommand{now.selected});
        m_recorder.addAction(FloorModeCommand{now.floorMode});
        if (!now.layer.empty()) m_recorder.addAction(LayerCommand{now.layer});
        m_recorder.addAction(TimeOfDayCommand{now.timeOfDay});
    }
    m_caption[0] = m_captionZh[0] = '\0';
}

void TourRecorderPanel::save() {
    Tour& tour = m_recorder.tour();
    tour.name = m_name;
    tour.title = m_title;
    if (tour.name.empty() || tour.name.find('/') != std::string::npos) {
        m_status = "the name must be a plain file name";
        return;
    }
    const std::filesystem::path path = m_toursDir / (tour.name + ".json");
    std::error_code ec;
    std::filesystem::create_directories(m_toursDir, ec);
    auto saved = m_recorder.save(path);
    m_status = saved ? "saved " + path.string() : saved.error().message;
}

void TourRecorderPanel::draw(const RecorderSnapshot& now, CommandQueue& commands, bool zh) {
    if (!m_open) return;
    ImGui::SetNextWindowSize(ImVec2(440, 460), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(zh ? "巡检路线录制###recorder" : "Tour recorder###recorder", &m_open)) {
        ImGui::End();
        return;
    }
    Tour& tour = m_recorder.tour();
    ImGui::InputText(zh ? "名称" : "Name", m_name, sizeof(m_name));
    ImGui::InputText(zh ? "标题" : "Title", m_title, sizeof(m_title));
    ImGui::Checkbox(zh ? "循环播放" : "Loop", &tour.loop);
    ImGui::Separator();
    ImGui::InputText(zh ? "说明 (英文)" : "Caption (en)", m_caption, sizeof(m_caption));
    ImGui::InputText(zh ? "说明 (中文)" : "Caption (zh)", m_captionZh, sizeof(m_captionZh));
    ImGui::Checkbox(
        zh ? "记录选中、楼层模式、图层和时间" : "Record selection, floor mode, layer, time",
        &m_captureState);
    if (ImGui::Button(zh ? "添加关键帧 (K)" : "Add keyframe (K)")) addKeyframe(now);
    ImGui::SameLine();
    if (ImGui::Button(zh ? "删除最后一帧" : "Remove last")) m_recorder.removeLast();

    ImGui::Separator();
    if (ImGui::BeginTable("keyframes", 4,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Borders,
                          ImVec2(0, 200))) {
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 24);
        ImGui::TableSetupColumn(zh ? "停留 s" : "Dwell s", ImGuiTableColumnFlags_WidthFixed, 80);
        ImGui::TableSetupColumn(zh ? "飞行 s" : "Travel s", ImGuiTableColumnFlags_WidthFixed, 80);
        ImGui::TableSetupColumn(zh ? "说明" : "Caption");
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < tour.keyframes.size(); ++i) {
            TourKeyframe& k = tour.keyframes[i];
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%zu", i + 1);
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            ImGui::DragFloat("##dwell", &k.dwellSeconds, 0.1f, 0.0f, 60.0f, "%.1f");
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            ImGui::DragFloat("##travel", &k.travelSeconds, 0.1f, 0.5f, 60.0f, "%.1f");
            ImGui::TableNextColumn();
            const std::string& caption = zh && !k.captionZh.empty() ? k.captionZh : k.caption;
            ImGui::TextUnformatted(caption.empty() ? "-" : caption.c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    const bool empty = tour.keyframes.empty();
    if (empty) ImGui::BeginDisabled();
    if (ImGui::Button(zh ? "保存" : "Save")) save();
    ImGui::SameLine();
    if (ImGui::Button(zh ? "播放" : "Play")) {
        save();
        commands.push(TourCommand{"play", (m_toursDir / (tour.name + ".json")).string()});
    }
    if (empty) ImGui::EndDisabled();
    ImGui::TextDisabled("%s", (m_toursDir / (std::string(m_name) + ".json")).c_str());
    if (!m_status.empty()) ImGui::TextWrapped("%s", m_status.c_str());
    ImGui::End();
}

}  // namespace pt::viewer
