#include "data/entity_interner.h"

namespace pt::data {

InternId EntityInterner::intern(std::string_view entity) {
    std::lock_guard lock(m_mutex);
    if (const auto it = m_ids.find(entity); it != m_ids.end()) return it->second;
    if (m_names.size() >= m_capacity) return kNoId;
    const auto id = InternId(m_names.size());
    const std::string& stored = m_names.emplace_back(entity);
    m_ids.emplace(std::string_view(stored), id);
    return id;
}

std::string_view EntityInterner::name(InternId id) const {
    std::lock_guard lock(m_mutex);
    return m_names.at(id);
}

size_t EntityInterner::size() const {
    std::lock_guard lock(m_mutex);
    return m_names.size();
}

}  // namespace pt::data
