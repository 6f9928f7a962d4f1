#pragma once
// UI text in the two languages the product ships (English, simplified Chinese). Every string is
// written at its use site in both languages, so nothing can be left untranslated; the park
// model's enumerations are named here once. Tenant and place names are shown as given.
#include <string_view>
#include <utility>

#include "data/rules.h"
#include "park/park_model.h"

namespace pt::viewer {

inline const char* tr(bool chinese, const char* english, const char* zh) {
    return chinese ? zh : english;
}

inline const char* kindName(park::EntityKind kind, bool zh) {
    switch (kind) {
        case park::EntityKind::Park:
            return tr(zh, "park", "园区");
        case park::EntityKind::Building:
            return tr(zh, "building", "楼栋");
        case park::EntityKind::Floor:
            return tr(zh, "floor", "楼层");
        case park::EntityKind::Unit:
            return tr(zh, "unit", "单元");
        case park::EntityKind::Zone:
            return tr(zh, "zone", "区域");
        case park::EntityKind::Device:
            return tr(zh, "device", "设备");
    }
    return "?";
}

inline const char* leaseName(park::LeaseStatus lease, bool zh) {
    switch (lease) {
        case park::LeaseStatus::Vacant:
            return tr(zh, "vacant", "空置");
        case park::LeaseStatus::Leased:
            return tr(zh, "leased", "已租");
        case park::LeaseStatus::Reserved:
            return tr(zh, "reserved", "意向");
        case park::LeaseStatus::FittingOut:
            return tr(zh, "fitting-out", "装修");
    }
    return "?";
}

inline const char* useName(park::BuildingUse use, bool zh) {
    switch (use) {
        case park::BuildingUse::Factory:
            return tr(zh, "factory", "厂房");
        case park::BuildingUse::RnD:
            return tr(zh, "R&D", "研发");
        case park::BuildingUse::Dormitory:
            return tr(zh, "dormitory", "宿舍");
        case park::BuildingUse::Services:
            return tr(zh, "services", "配套");
    }
    return "?";
}

inline const char* zoneKindName(park::ZoneKind kind, bool zh) {
    switch (kind) {
        case park::ZoneKind::DronePad:
            return tr(zh, "drone pad", "无人机起降坪");
        case park::ZoneKind::DroneCorridor:
            return tr(zh, "drone corridor", "无人机航线");
        case park::ZoneKind::NoFlyVolume:
            return tr(zh, "no-fly volume", "禁飞区");
        case park::ZoneKind::EvChargingArea:
            return tr(zh, "EV charging area", "充电区");
    }
    return "?";
}

inline const char* deviceKindName(park::DeviceKind kind, bool zh) {
    switch (kind) {
        case park::DeviceKind::Sensor:
            return tr(zh, "sensor", "传感器");
        case park::DeviceKind::Meter:
            return tr(zh, "meter", "电表");
        case park::DeviceKind::Charger:
            return tr(zh, "charger", "充电桩");
        case park::DeviceKind::Drone:
            return tr(zh, "drone", "无人机");
        case park::DeviceKind::Camera:
            return tr(zh, "camera", "摄像头");
    }
    return "?";
}

// Words that live data and the rules file use (rule ids, legend labels, OCPP charger statuses,
// drone states) in the UI language; anything else is returned as given.
inline std::string_view termText(std::string_view term, bool zh) {
    if (!zh) return term;
    static constexpr std::pair<std::string_view, std::string_view> kTerms[] = {
        {"occupancy-ratio", "入驻率"},
        {"power", "功率"},
        {"energy-today", "今日能耗"},
        {"charger-status", "充电桩状态"},
        {"drone-state", "无人机状态"},
        {"drone-battery", "无人机电量"},
        {"temperature", "温度"},
        {"co2", "二氧化碳"},
        {"empty", "空"},
        {"full", "满"},
        {"stale", "数据过期"},
        {"Available", "空闲"},
        {"Preparing", "准备中"},
        {"Charging", "充电中"},
        {"SuspendedEVSE", "桩端暂停"},
        {"SuspendedEV", "车端暂停"},
        {"Finishing", "结束中"},
        {"Reserved", "已预约"},
        {"Unavailable", "不可用"},
        {"Faulted", "故障"},
        {"Idle", "待命"},
        {"Preflight", "起飞前检查"},
        {"Takeoff", "起飞"},
        {"Enroute", "航行中"},
        {"Hover", "悬停"},
        {"Landing", "降落"},
        {"Fault", "故障"}};
    for (const auto& [en, text] : kTerms)
        if (term == en) return text;
    return term;
}

inline const char* alertLevelText(data::AlertLevel level, bool zh) {
    switch (level) {
        case data::AlertLevel::None:
            return tr(zh, "none", "无");
        case data::AlertLevel::Info:
            return tr(zh, "info", "提示");
        case data::AlertLevel::Warning:
            return tr(zh, "warning", "警告");
        case data::AlertLevel::Critical:
            return tr(zh, "critical", "严重");
    }
    return "?";
}

}  // namespace pt::viewer
