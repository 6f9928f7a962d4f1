// Tenant names for the demo park: mixed Chinese and English company names tied to Shenzhen's
// "20+8" strategic emerging industry clusters, so lease panels and labels look real.
#include <array>
#include <string_view>

#include "park/demo_park.h"

namespace pt::park {

namespace {

struct Industry {
    std::string_view cn;        // industry cluster as shown in the UI
    std::string_view cnSuffix;  // what a Chinese company in it calls itself
    std::string_view enSuffix;
};

constexpr std::array<Industry, 10> kIndustries = {{
    {"新能源", "新能源科技有限公司", "New Energy Co., Ltd."},
    {"低空经济", "无人机科技有限公司", "UAV Technology Co., Ltd."},
    {"生物医药", "生物医药有限公司", "Biopharma Co., Ltd."},
    {"半导体与集成电路", "微电子有限公司", "Semiconductor Co., Ltd."},
    {"智能网联汽车", "智能汽车科技有限公司", "Smart Mobility Co., Ltd."},
    {"人工智能", "智能科技有限公司", "AI Technology Co., Ltd."},
    {"高端装备", "精密装备有限公司", "Precision Machinery Co., Ltd."},
    {"智能机器人", "机器人有限公司", "Robotics Co., Ltd."},
    {"新材料", "新材料股份有限公司", "Advanced Materials Co., Ltd."},
    {"超高清视频显示", "显示技术有限公司", "Display Technology Co., Ltd."},
}};

constexpr std::array<std::string_view, 24> kCnCores = {
    "华芯", "鹏程", "光启", "创维", "星河", "智岭", "云鲲", "海纳", "天珑", "恒泰", "中科", "锐思",
    "腾越", "汇川", "微澜", "晶合", "迈瑞", "极飞", "北辰", "蓝湾", "英飞", "德润", "安捷", "卓越"};
constexpr std::array<std::string_view, 24> kEnCores = {
    "Apex",     "Nova",     "Kestrel",  "Lumina",   "Vertex", "Orbital", "Helix",   "Quantum",
    "Meridian", "Sinotek",  "Aurora",   "Pinnacle", "Zephyr", "Cobalt",  "Everest", "Titan",
    "Polaris",  "Vanguard", "Solstice", "Nimbus",   "Falcon", "Argon",   "Cirrus",  "Tessera"};
constexpr std::array<std::string_view, 4> kCnCities = {"深圳", "深圳市", "光明", "龙岗"};

}  // namespace

DemoTenant makeDemoTenant(DemoRng& rng) {
    const Industry& industry = kIndustries[rng.range(0, int(kIndustries.size()) - 1)];
    DemoTenant tenant;
    tenant.industry = std::string(industry.cn);
    if (rng.chance(0.6)) {
        tenant.name = strCat(kCnCities[rng.range(0, int(kCnCities.size()) - 1)],
                             kCnCores[rng.range(0, int(kCnCores.size()) - 1)], industry.cnSuffix);
    } else {
        tenant.name = strCat("Shenzhen ", kEnCores[rng.range(0, int(kEnCores.size()) - 1)], " ",
                             industry.enSuffix);
    }
    return tenant;
}

}  // namespace pt::park
