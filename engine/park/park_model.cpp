#include "park/park_model.h"

#include "core/check.h"

namespace pt::park {

ZoneKind zoneKind(const Zone& zone) {
    return static_cast<ZoneKind>(zone.shape.index());
}

Result<EntityIndex> Portfolio::addEntity(EntityKind kind, EntityIndex parent, std::string id,
                                         std::string name, std::uint32_t slot) {
    // Both branches as string_view: a `"" : std::string` conditional would make a temporary
    // std::string that dies before parentId is used (found by AddressSanitizer).
    const std::string_view parentId =
        parent == kNoEntity ? std::string_view() : std::string_view(m_entities[parent].id);
    if (auto problem = checkChildId(parentId, id, kind)) return Error{*problem};
    if (m_byId.find(id) != m_byId.end()) return makeError("duplicate id '", id, "'");
    const auto index = static_cast<EntityIndex>(m_entities.size());
    m_byId.emplace(id, index);
    m_entities.push_back(Entity{std::move(id), kind, parent, std::move(name), slot});
    m_children.emplace_back();
    if (parent != kNoEntity) m_children[parent].push_back(index);
    m_byKind[static_cast<std::size_t>(kind)].push_back(index);
    return index;
}

namespace {

void checkParentKind(std::span<const Entity> entities, EntityIndex parent, EntityKind kind) {
    PT_CHECK(parent < entities.size());
    PT_CHECK(entities[parent].kind == kind);
}

}  // namespace

Result<EntityIndex> Portfolio::addPark(std::string id, std::string name, Park park) {
    auto index = addEntity(EntityKind::Park, kNoEntity, std::move(id), std::move(name),
                           static_cast<std::uint32_t>(m_parks.size()));
    if (index) m_parks.push_back(std::move(park));
    return index;
}

Result<EntityIndex> Portfolio::addBuilding(EntityIndex park, std::string id, std::string name,
                                           Building building) {
    checkParentKind(m_entities, park, EntityKind::Park);
    auto index = addEntity(EntityKind::Building, park, std::move(id), std::move(name),
                           static_cast<std::uint32_t>(m_buildings.size()));
    if (index) m_buildings.push_back(std::move(building));
    return index;
}

Result<EntityIndex> Portfolio::addFloor(EntityIndex building, std::string id, std::string name,
                                        Floor floor) {
    checkParentKind(m_entities, building, EntityKind::Building);
    auto index = addEntity(EntityKind::Floor, building, std::move(id), std::move(name),
                           static_cast<std::uint32_t>(m_floors.size()));
    if (index) m_floors.push_back(std::move(floor));
    return index;
}

Result<EntityIndex> Portfolio::addUnit(EntityIndex floor, std::string id, std::string name,
                                       Unit unit) {
    checkParentKind(m_entities, floor, EntityKind::Floor);
    auto index = addEntity(EntityKind::Unit, floor, std::move(id), std::move(name),
                           static_cast<std::uint32_t>(m_units.size()));
    if (index) m_units.push_back(std::move(unit));
    return index;
}

Result<EntityIndex> Portfolio::addZone(EntityIndex park, std::string id, std::string name,
                                       Zone zone) {
    checkParentKind(m_entities, park, EntityKind::Park);
    auto index = addEntity(EntityKind::Zone, park, std::move(id), std::move(name),
                           static_cast<std::uint32_t>(m_zones.size()));
    if (index) m_zones.push_back(std::move(zone));
    return index;
}

Result<EntityIndex> Portfolio::addDevice(EntityIndex parent, std::string id, std::string name,
                                         Device device) {
    PT_CHECK(parent < m_entities.size());
    auto index = addEntity(EntityKind::Device, parent, std::move(id), std::move(name),
                           static_cast<std::uint32_t>(m_devices.size()));
    if (index) m_devices.push_back(std::move(device));
    return index;
}

const Entity& Portfolio::entity(EntityIndex index) const {
    PT_CHECK(index < m_entities.size());
    return m_entities[index];
}

std::optional<EntityIndex> Portfolio::findEntity(std::string_view id) const {
    auto it = m_byId.find(id);
    if (it == m_byId.end()) return std::nullopt;
    return it->second;
}

std::span<const EntityIndex> Portfolio::children(EntityIndex index) const {
    PT_CHECK(index < m_children.size());
    return m_children[index];
}

std::span<const EntityIndex> Portfolio::ofKind(EntityKind kind) const {
    return m_byKind[static_cast<std::size_t>(kind)];
}

EntityIndex Portfolio::ancestorOfKind(EntityIndex index, EntityKind kind) const {
    while (index != kNoEntity) {
        const Entity& e = entity(index);
        if (e.kind == kind) return index;
        index = e.parent;
    }
    return kNoEntity;
}

std::uint32_t Portfolio::slotOf(EntityIndex index, EntityKind kind) const {
    const Entity& e = entity(index);
    PT_CHECK(e.kind == kind);
    return e.slot;
}

std::optional<EntityIndex> Portfolio::findOfKind(std::string_view id, EntityKind kind) const {
    auto index = findEntity(id);
    if (!index || m_entities[*index].kind != kind) return std::nullopt;
    return index;
}

// The typed accessors differ only in table and kind; a macro keeps the twelve of them in step.
#define PT_PARK_TYPED_ACCESS(Type, lower, table)                   \
    const Type& Portfolio::lower(EntityIndex index) const {        \
        return table[slotOf(index, EntityKind::Type)];             \
    }                                                              \
    Type& Portfolio::lower(EntityIndex index) {                    \
        return table[slotOf(index, EntityKind::Type)];             \
    }                                                              \
    const Type* Portfolio::find##Type(std::string_view id) const { \
        auto index = findOfKind(id, EntityKind::Type);             \
        return index ? &table[m_entities[*index].slot] : nullptr;  \
    }

PT_PARK_TYPED_ACCESS(Park, park, m_parks)
PT_PARK_TYPED_ACCESS(Building, building, m_buildings)
PT_PARK_TYPED_ACCESS(Floor, floor, m_floors)
PT_PARK_TYPED_ACCESS(Unit, unit, m_units)
PT_PARK_TYPED_ACCESS(Zone, zone, m_zones)
PT_PARK_TYPED_ACCESS(Device, device, m_devices)
#undef PT_PARK_TYPED_ACCESS

}  // namespace pt::park
