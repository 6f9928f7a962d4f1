#include "park/node_mapper.h"

namespace pt::park {

Result<NodeMapper> NodeMapper::create(const Portfolio& portfolio, EntityIndex building) {
    NodeMapper mapper(portfolio, building);
    for (const NodeRule& rule : portfolio.building(building).nodeRules) {
        try {
            mapper.m_rules.push_back(
                {std::regex(rule.pattern, std::regex::ECMAScript), rule.target});
        } catch (const std::regex_error& e) {
            return makeError(portfolio.entity(building).id, ": node rule '", rule.pattern,
                             "': invalid regex: ", e.what());
        }
    }
    return mapper;
}

std::optional<EntityIndex> NodeMapper::inBuilding(std::string_view id) const {
    const auto index = m_portfolio->findEntity(id);
    if (!index || m_portfolio->ancestorOfKind(*index, EntityKind::Building) != m_building)
        return std::nullopt;
    return index;
}

std::optional<EntityIndex> NodeMapper::map(std::string_view nodeName) const {
    if (auto index = inBuilding(nodeName)) return index;
    const std::string name(nodeName);
    for (const Rule& rule : m_rules) {
        std::smatch match;
        if (std::regex_match(name, match, rule.pattern))
            return inBuilding(match.format(rule.target));
    }
    return std::nullopt;
}

}  // namespace pt::park
