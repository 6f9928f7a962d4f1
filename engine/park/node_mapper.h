#pragma once
// Maps the node names of a building's model to the building's entities (floors, units...), so
// an imported model's meshes can carry entity indices. Order of precedence:
//   1. the node name is an entity id inside this building (what generated models use);
//   2. the building's nodeRules from the manifest, first match wins (`$1` = first group).
// A target outside the building maps to nothing: a model cannot claim another building's units.
// Built once per model (regexes compiled once); then read-only and safe from any thread. Holds a
// pointer to the Portfolio, which must outlive it.
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "park/park_model.h"

namespace pt::park {

class NodeMapper {
public:
    // Fails if a rule's pattern is not a valid regex (the manifest loader has checked them, so
    // this only happens for hand-built portfolios).
    static Result<NodeMapper> create(const Portfolio& portfolio, EntityIndex building);

    std::optional<EntityIndex> map(std::string_view nodeName) const;

private:
    struct Rule {
        std::regex pattern;
        std::string target;
    };
    NodeMapper(const Portfolio& portfolio, EntityIndex building)
        : m_portfolio(&portfolio), m_building(building) {}
    std::optional<EntityIndex> inBuilding(std::string_view id) const;

    const Portfolio* m_portfolio;
    EntityIndex m_building;
    std::vector<Rule> m_rules;
};

}  // namespace pt::park
