#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "viewer/i18n.h"

using namespace pt;
using viewer::tr;

namespace {

bool hasNonAscii(const std::string& s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

// Each value gets its own English word and its own Chinese word, and the Chinese one is Chinese.
template <class F>
void checkNames(int count, F name) {
    std::set<std::string> en, zh;
    for (int i = 0; i < count; ++i) {
        const std::string e = name(i, false), z = name(i, true);
        INFO(e << " / " << z);
        CHECK(e != "?");
        CHECK_FALSE(hasNonAscii(e));
        CHECK(hasNonAscii(z));
        en.insert(e);
        zh.insert(z);
    }
    CHECK(int(en.size()) == count);
    CHECK(int(zh.size()) == count);
}

}  // namespace

TEST_CASE("the park model's enumerations have distinct English and Chinese names", "[i18n]") {
    checkNames(6, [](int i, bool zh) { return viewer::kindName(park::EntityKind(i), zh); });
    checkNames(4, [](int i, bool zh) { return viewer::leaseName(park::LeaseStatus(i), zh); });
    checkNames(4, [](int i, bool zh) { return viewer::useName(park::BuildingUse(i), zh); });
    checkNames(4, [](int i, bool zh) { return viewer::zoneKindName(park::ZoneKind(i), zh); });
    checkNames(5, [](int i, bool zh) { return viewer::deviceKindName(park::DeviceKind(i), zh); });
    checkNames(4, [](int i, bool zh) { return viewer::alertLevelText(data::AlertLevel(i), zh); });
    CHECK(std::string(viewer::leaseName(park::LeaseStatus::Vacant, true)) == "空置");
}

TEST_CASE("rule terms are translated in Chinese only, unknown text passes through", "[i18n]") {
    CHECK(viewer::termText("Faulted", true) == "故障");
    CHECK(viewer::termText("Faulted", false) == "Faulted");
    CHECK(viewer::termText("occupancy-ratio", true) == "入驻率");
    CHECK(viewer::termText("SuspendedEV", true) == "车端暂停");
    CHECK(viewer::termText("SuspendedEVSE", true) == "桩端暂停");  // not a prefix match
    CHECK(viewer::termText("42 kW", true) == "42 kW");
    CHECK(std::string(tr(true, "Alerts", "告警")) == "告警");
    CHECK(std::string(tr(false, "Alerts", "告警")) == "Alerts");
}
