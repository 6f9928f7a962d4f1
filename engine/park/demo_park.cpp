#include "park/demo_park.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <glm/trigonometric.hpp>

#include "core/check.h"

namespace pt::park {

std::uint64_t DemoRng::next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double DemoRng::unit() {
    return double(next() >> 11) * (1.0 / 9007199254740992.0);
}

int DemoRng::range(int lo, int hi) {
    PT_CHECK(hi >= lo);
    return lo + int(next() % std::uint64_t(hi - lo + 1));
}

std::string demoModelPath(std::string_view entityId) {
    std::string name(entityId);
    std::replace(name.begin(), name.end(), '/', '_');
    return strCat("models/", name, ".glb");
}

namespace {

// Generated ids are valid by construction, so a failed add is a generator bug.
EntityIndex must(Result<EntityIndex> result) {
    if (!result) std::fprintf(stderr, "demo park: %s\n", result.error().message.c_str());
    PT_CHECK(result.ok());
    return *result;
}

struct BuildingPlan {
    std::string segment;  // "A3"
    std::string name;
    BuildingUse use;
    glm::vec2 position;  // park-local XZ
    float rotationDeg;
    float length;  // along local X
    float depth;   // along local Z
    int floors;
};

// Floor-to-floor height and design load by use: heavy, tall floors low in factory towers.
void floorSpec(BuildingUse use, int number, float& height, float& load) {
    switch (use) {
        case BuildingUse::Factory:
            height = number == 1 ? 8.0f : (number <= 4 ? 6.5f : 5.4f);
            load = number == 1 ? 20.0f : (number <= 4 ? 12.0f : 8.0f);
            return;
        case BuildingUse::RnD:
            height = number == 1 ? 6.0f : 4.5f;
            load = 5.0f;
            return;
        case BuildingUse::Dormitory:
            height = 3.3f;
            load = 2.5f;
            return;
        case BuildingUse::Services:
            height = 5.0f;
            load = 5.0f;
            return;
    }
}

int unitsPerRow(BuildingUse use, int number, float usable, DemoRng& rng) {
    switch (use) {
        case BuildingUse::Factory:
            return number == 1 ? 2 : std::clamp(int(usable / rng.range(10.5f, 14.5f)), 3, 7);
        case BuildingUse::RnD:
            return 3;
        case BuildingUse::Dormitory:
            return std::max(2, int(usable / 9.0f));
        case BuildingUse::Services:
            return 2;
    }
    return 2;
}

float areaPerPerson(BuildingUse use) {
    switch (use) {
        case BuildingUse::Factory:
            return 25.0f;
        case BuildingUse::RnD:
            return 9.0f;
        case BuildingUse::Dormitory:
            return 8.0f;
        case BuildingUse::Services:
            return 3.0f;
    }
    return 10.0f;
}

// Upper factory floors let worse (heavy industry prefers low floors), so vacancy rises with
// height: about 19 % overall, the range operators of such parks report.
void leaseUnit(Unit& unit, double heightShare, const Unit* neighbour, DemoRng& rng) {
    const double roll = rng.unit();
    const double vacant = 0.10 + 0.18 * heightShare;
    if (roll < vacant) return;  // stays Vacant, no tenant
    unit.lease = roll < vacant + 0.05   ? LeaseStatus::Reserved
                 : roll < vacant + 0.10 ? LeaseStatus::FittingOut
                                        : LeaseStatus::Leased;
    if (neighbour && !neighbour->tenant.empty() && rng.chance(0.3)) {
        unit.tenant = neighbour->tenant;  // one company renting adjacent units
        unit.industry = neighbour->industry;
        return;
    }
    DemoTenant tenant = makeDemoTenant(rng);
    unit.tenant = std::move(tenant.name);
    unit.industry = std::move(tenant.industry);
}

std::vector<glm::vec2> rect(float x0, float z0, float x1, float z1) {
    return {{x0, z0}, {x1, z0}, {x1, z1}, {x0, z1}};  // counter-clockwise seen from +Y
}

void addUnits(Portfolio& p, EntityIndex floorIndex, const BuildingPlan& plan, int number,
              DemoRng& rng) {
    const std::string floorId = p.entity(floorIndex).id;  // a copy: adding may reallocate
    const float usable = plan.length - 2.0f * kDemoCoreLength;
    const int perRow = unitsPerRow(plan.use, number, usable, rng);
    const double heightShare = double(number) / double(plan.floors);
    int index = 1;
    EntityIndex previous = kNoEntity;  // an index, since adding units may move them
    for (int row = 0; row < 2; ++row) {
        const float z0 = row == 0 ? -plan.depth / 2 : kDemoCorridorWidth / 2;
        const float z1 = row == 0 ? -kDemoCorridorWidth / 2 : plan.depth / 2;
        for (int i = 0; i < perRow; ++i, ++index) {
            const float x0 = -usable / 2 + usable * float(i) / float(perRow);
            const float x1 = -usable / 2 + usable * float(i + 1) / float(perRow);
            Unit unit;
            unit.area = std::round((x1 - x0) * (z1 - z0) * 10.0f) / 10.0f;
            unit.capacity = std::max(1, int(unit.area / areaPerPerson(plan.use)));
            unit.outline = rect(x0, z0, x1, z1);
            leaseUnit(unit, heightShare, previous == kNoEntity ? nullptr : &p.unit(previous), rng);
            const std::string segment = strCat("U", number, index < 10 ? "0" : "", index);
            const EntityIndex u =
                must(p.addUnit(floorIndex, strCat(floorId, "/", segment),
                               strCat(number, index < 10 ? "0" : "", index), std::move(unit)));
            previous = u;
        }
    }
}

EntityIndex addBuilding(Portfolio& p, EntityIndex park, const BuildingPlan& plan, DemoRng& rng) {
    const std::string id = strCat(p.entity(park).id, "/", plan.segment);
    Building b;
    b.use = plan.use;
    b.transform.position = glm::vec3(plan.position.x, 0.0f, plan.position.y);
    b.transform.rotationDeg = plan.rotationDeg;
    b.footprint = rect(-plan.length / 2, -plan.depth / 2, plan.length / 2, plan.depth / 2);
    b.models = {demoModelPath(id)};
    const EntityIndex building = must(p.addBuilding(park, id, plan.name, std::move(b)));
    float elevation = 0.0f;
    if (plan.use == BuildingUse::RnD) {  // one basement (car park, plant): B1 = floor -1
        must(p.addFloor(building, id + "/B1", "B1",
                        Floor{.number = -1, .elevation = -4.5f, .height = 4.5f, .loadRating = 5}));
    }
    for (int number = 1; number <= plan.floors; ++number) {
        Floor floor{.number = number, .elevation = elevation};
        floorSpec(plan.use, number, floor.height, floor.loadRating);
        elevation += floor.height;
        const EntityIndex f =
            must(p.addFloor(building, strCat(id, "/F", number), strCat(number, "F"), floor));
        addUnits(p, f, plan, number, rng);
    }
    must(p.addDevice(building, id + "/M01", "总表",
                     Device{.kind = DeviceKind::Meter,
                            .position = glm::vec3(plan.position.x - plan.length / 2 + 2.0f, 1.5f,
                                                  plan.position.y)}));
    return building;
}

float roofHeight(const Portfolio& p, EntityIndex building) {
    float top = 0.0f;
    for (EntityIndex f : p.children(building))
        if (p.entity(f).kind == EntityKind::Floor)
            top = std::max(top, p.floor(f).elevation + p.floor(f).height);
    return top;
}

// A grid of slots so buildings never overlap: 110 m between columns, 85 m between rows.
glm::vec2 slot(int column, int row) {
    return {-165.0f + 110.0f * column, -80.0f + 85.0f * row};
}

BuildingPlan factoryPlan(std::string segment, glm::vec2 position, float rotation, DemoRng& rng) {
    const float length = 2.0f * float(rng.range(32, 44));
    const float depth = 2.0f * float(rng.range(13, 17));
    return BuildingPlan{
        segment, segment + "栋 智造厂房", BuildingUse::Factory, position, rotation, length,
        depth,   rng.range(8, 24)};
}

void addDemoServices(Portfolio& p, EntityIndex park, std::span<const EntityIndex> padHosts,
                     glm::vec2 evCentre, int chargers, DemoRng& rng);

}  // namespace

Portfolio makeDemoPortfolio(std::uint64_t seed) {
    DemoRng rng(seed);
    Portfolio p;
    p.setName("ParkTwin 示范园区 Demo Portfolio");

    Park gmPark{.geoOrigin = {22.7621, 113.9262, 45.0}, .models = {demoModelPath("gm/site")}};
    const EntityIndex gm =
        must(p.addPark("gm", "光明智造园 Guangming Smart Manufacturing Park", std::move(gmPark)));
    std::vector<EntityIndex> gmPads;
    for (int i = 0; i < 8; ++i) {
        const EntityIndex b =
            addBuilding(p, gm, factoryPlan(strCat("A", i + 1), slot(i % 4, i / 4), 0.0f, rng), rng);
        if (i == 0 || i == 3 || i == 5) gmPads.push_back(b);
    }
    gmPads.push_back(addBuilding(
        p, gm, {"R1", "R1栋 研发中心", BuildingUse::RnD, slot(0, 2), 0.0f, 44.0f, 30.0f, 24}, rng));
    for (int i = 0; i < 2; ++i)
        addBuilding(p, gm,
                    {strCat("D", i + 1), strCat("D", i + 1, "栋 人才公寓"), BuildingUse::Dormitory,
                     slot(1 + i, 2), 0.0f, 60.0f, 16.0f, rng.range(14, 18)},
                    rng);
    addBuilding(p, gm,
                {"S1", "S1 食堂与配套", BuildingUse::Services, slot(3, 2), 0.0f, 48.0f, 32.0f, 3},
                rng);
    addDemoServices(p, gm, gmPads, {300.0f, -20.0f}, 48, rng);

    Park lsPark{.geoOrigin = {22.7213, 114.2468, 60.0},
                .scenePosition = {0.0f, 0.0f, 420.0f},
                .models = {demoModelPath("ls/site")}};
    const EntityIndex ls =
        must(p.addPark("ls", "龙岗智造园 Longgang Smart Manufacturing Park", std::move(lsPark)));
    std::vector<EntityIndex> lsPads;
    for (int i = 0; i < 4; ++i) {
        const EntityIndex b =
            addBuilding(p, ls, factoryPlan(strCat("B", i + 1), slot(i, 0), 12.0f, rng), rng);
        if (i == 1 || i == 3) lsPads.push_back(b);
    }
    addBuilding(p, ls,
                {"S1", "S1 食堂与配套", BuildingUse::Services, slot(1, 1), 0.0f, 40.0f, 28.0f, 2},
                rng);
    addDemoServices(p, ls, lsPads, {300.0f, -60.0f}, 16, rng);
    return p;
}

namespace {

// Rooftop pads on `padHosts`, corridors chaining them at cruise altitude, a no-fly volume, an EV
// car park with `chargers` bays and chargers, drones homed on the pads, and cameras.
void addDemoServices(Portfolio& p, EntityIndex park, std::span<const EntityIndex> padHosts,
                     glm::vec2 evCentre, int chargers, DemoRng& rng) {
    const std::string parkId = p.entity(park).id;
    std::vector<glm::vec3> pads;
    float cruise = 0.0f;
    for (EntityIndex host : padHosts) {
        const Building& b = p.building(host);
        const float roof = roofHeight(p, host);
        cruise = std::max(cruise, roof + 30.0f);
        // Pads stand on the roof near the +X core, clear of the roof plant in the middle.
        const float halfLength = b.footprint[1].x;
        const float angle = glm::radians(b.transform.rotationDeg);
        const glm::vec3 local(halfLength - 12.0f, roof + 1.5f, 0.0f);
        const glm::vec3 centre =
            b.transform.position +
            glm::vec3(local.x * std::cos(angle), local.y, -local.x * std::sin(angle));
        const std::string segment = p.entity(host).id.substr(parkId.size() + 1);
        Zone zone{.shape = PadShape{centre, 6.0f}, .building = host};
        must(p.addZone(park, strCat(parkId, "/pad/", segment), strCat(segment, " 屋顶起降点"),
                       std::move(zone)));
        pads.push_back(centre);
    }
    for (std::size_t i = 0; i + 1 < pads.size(); ++i) {
        const glm::vec3 a = pads[i], b = pads[i + 1];
        CorridorShape corridor{{a, {a.x, cruise, a.z}, {b.x, cruise, b.z}, b}, 12.0f};
        must(p.addZone(park, strCat(parkId, "/air/L", i + 1), strCat("航线 L", i + 1),
                       Zone{.shape = std::move(corridor)}));
    }
    const glm::vec2 e = evCentre;
    // No-fly volumes: over gm's dormitories (people asleep under the rotors), around ls's
    // substation corner; both well below the corridors' cruise level.
    must(p.addZone(
        park, parkId + "/nofly/N1", parkId == "gm" ? "禁飞区 N1 (宿舍区)" : "禁飞区 N1 (变电站)",
        Zone{.shape = parkId == "gm"
                          ? VolumeShape{rect(-110.0f, 60.0f, 110.0f, 120.0f), 0.0f, 90.0f}
                          : VolumeShape{rect(-120.0f, 50.0f, -40.0f, 110.0f), 0.0f, 60.0f}}));
    const int columns = 12, rows = (chargers + columns - 1) / columns;
    const float width = columns * 2.6f + 10.0f, depth = rows * 7.0f + 10.0f;
    const EntityIndex ev =
        must(p.addZone(park, parkId + "/ev/P1", "P1 新能源充电站",
                       Zone{.shape = EvAreaShape{rect(e.x - width / 2, e.y - depth / 2,
                                                      e.x + width / 2, e.y + depth / 2),
                                                 chargers}}));
    for (int i = 0; i < chargers; ++i) {
        const glm::vec3 bay(e.x - width / 2 + 5.0f + 2.6f * float(i % columns + 0.5f), 0.0f,
                            e.y - depth / 2 + 5.0f + 7.0f * float(i / columns) + 2.6f);
        must(p.addDevice(ev, strCat(parkId, "/ev/P1/C", i + 1 < 10 ? "0" : "", i + 1),
                         strCat("充电桩 C", i + 1 < 10 ? "0" : "", i + 1),
                         Device{.kind = DeviceKind::Charger, .position = bay}));
    }
    const int drones = int(pads.size()) * 2;
    for (int i = 0; i < drones; ++i)
        must(p.addDevice(
            park, strCat(parkId, "/drone/D", i + 1 < 10 ? "0" : "", i + 1),
            strCat("无人机 D", i + 1 < 10 ? "0" : "", i + 1),
            Device{.kind = DeviceKind::Drone,
                   .position = pads[i / 2] + glm::vec3(i % 2 == 0 ? -2.5f : 2.5f, 0.3f, 0.0f)}));
    for (int i = 0; i < 4; ++i)
        must(p.addDevice(
            park, strCat(parkId, "/cam/K0", i + 1), strCat("摄像头 K0", i + 1),
            Device{.kind = DeviceKind::Camera,
                   .position = {rng.range(-200.0f, 200.0f), 8.0f, rng.range(-100.0f, 150.0f)}}));
}

}  // namespace

}  // namespace pt::park
