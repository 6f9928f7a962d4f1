#pragma once
// The portfolio tree panel (park -> building -> floor -> unit) with a search box over ids,
// tenants and industries. The tree is lazy (only open nodes list their children) and search
// results scroll through a list clipper, so thousands of units cost only the visible rows.
// Clicking a row selects the entity and flies to it (pushed as Commands). A second tab lists
// the saved views (bookmarks): go to one, or save the current view. Main thread; the
// panel keeps its search text, cached results and per-parent child order between frames.
#include <string>
#include <unordered_map>
#include <vector>

#include "park/park_model.h"
#include "twin/bookmarks.h"
#include "twin/portfolio_search.h"
#include "viewer/command.h"

namespace pt::viewer {

struct PortfolioPanelContext {
    const park::Portfolio* portfolio = nullptr;
    park::EntityIndex selected = park::kNoEntity;
    CommandQueue* commands = nullptr;
    bool chinese = false;
    const twin::BookmarkSet* bookmarks = nullptr;  // saved views, listed in their own tab
};

class PortfolioPanel {
public:
    // Builds the ImGui window for this frame (between ImGui::NewFrame and ImGui::Render).
    void draw(const PortfolioPanelContext& c);

private:
    void drawSearchAndTree(const PortfolioPanelContext& c);
    void drawTree(const PortfolioPanelContext& c);
    void drawNode(const PortfolioPanelContext& c, park::EntityIndex e);
    void drawResults(const PortfolioPanelContext& c);
    void drawBookmarks(const PortfolioPanelContext& c);
    const std::vector<park::EntityIndex>& children(const park::Portfolio& p, park::EntityIndex e);

    std::string m_query;
    twin::SearchField m_field = twin::SearchField::Any;
    std::string m_searchedQuery;  // what m_matches was computed for
    twin::SearchField m_searchedField = twin::SearchField::Any;
    twin::SearchMatches m_matches;
    std::unordered_map<park::EntityIndex, std::vector<park::EntityIndex>> m_children;
    // The selection the tree last opened itself to; a new one opens its path and scrolls to it.
    park::EntityIndex m_revealed = park::kNoEntity;
    std::vector<park::EntityIndex> m_revealPath;
};

}  // namespace pt::viewer
