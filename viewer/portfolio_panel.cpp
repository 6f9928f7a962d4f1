#include "viewer/portfolio_panel.h"

#include <imgui.h>

#include <algorithm>
#include <array>

#include "viewer/i18n.h"

namespace pt::viewer {
namespace {

using park::EntityIndex;
using park::EntityKind;

// Each row shows the last id segment, the name, and for units the tenant (as given).
std::string rowLabel(const park::Portfolio& p, EntityIndex e, bool zh) {
    const park::Entity& entity = p.entity(e);
    std::string label = entity.id.substr(entity.id.rfind('/') + 1);
    if (!entity.name.empty() && entity.name != label) label += "  " + entity.name;
    if (entity.kind == EntityKind::Unit) {
        const park::Unit& u = p.unit(e);
        label += "  ";
        label += u.tenant.empty() ? leaseName(u.lease, zh) : u.tenant;
    }
    return label;
}

ImVec4 leaseColor(park::LeaseStatus lease) {
    switch (lease) {
        case park::LeaseStatus::Vacant:
            return ImVec4(0.95f, 0.55f, 0.35f, 1);
        case park::LeaseStatus::Leased:
            return ImVec4(0.45f, 0.8f, 0.5f, 1);
        case park::LeaseStatus::Reserved:
            return ImVec4(0.6f, 0.65f, 1.0f, 1);
        case park::LeaseStatus::FittingOut:
            return ImVec4(0.9f, 0.85f, 0.4f, 1);
    }
    return ImVec4(1, 1, 1, 1);
}

void selectAndFly(const PortfolioPanelContext& c, EntityIndex e) {
    const std::string& id = c.portfolio->entity(e).id;
    c.commands->push(SelectCommand{id});
    c.commands->push(FlyToCommand{id});
}

}  // namespace

const std::vector<EntityIndex>& PortfolioPanel::children(const park::Portfolio& p, EntityIndex e) {
    auto it = m_children.find(e);
    if (it == m_children.end()) it = m_children.emplace(e, twin::treeChildren(p, e)).first;
    return it->second;
}

void PortfolioPanel::draw(const PortfolioPanelContext& c) {
    if (!c.portfolio || !c.commands) return;
    const bool zh = c.chinese;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 12, vp->WorkPos.y + 12), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(370, std::max(240.0f, vp->WorkSize.y * 0.42f)),
                             ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.85f);
    if (!ImGui::Begin(tr(zh, "Portfolio###portfolio", "资产目录###portfolio"), nullptr,
                      ImGuiWindowFlags_NoFocusOnAppearing)) {
        ImGui::End();
        return;
    }
    if (ImGui::BeginTabBar("##portfolioTabs")) {
        if (ImGui::BeginTabItem(tr(zh, "Tree###tree", "目录###tree"))) {
            drawSearchAndTree(c);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(tr(zh, "Saved views###views", "保存的视角###views"))) {
            drawBookmarks(c);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

void PortfolioPanel::drawSearchAndTree(const PortfolioPanelContext& c) {
    const bool zh = c.chinese;
    // Search: text plus which field it looks at.
    const std::array<const char*, 4> fields = {tr(zh, "All", "全部"), tr(zh, "Id", "编号"),
                                               tr(zh, "Tenant", "企业"),
                                               tr(zh, "Industry", "产业")};
    int field = int(m_field);
    ImGui::SetNextItemWidth(90);
    if (ImGui::Combo("##field", &field, fields.data(), int(fields.size())))
        m_field = twin::SearchField(field);
    ImGui::SameLine();
    std::array<char, 128> buffer{};
    m_query.copy(buffer.data(), buffer.size() - 1);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##search",
                                 tr(zh, "search id, tenant, industry", "搜索编号、企业、产业"),
                                 buffer.data(), buffer.size()))
        m_query = buffer.data();
    if (m_query.find_first_not_of(" \t") == std::string::npos) {
        drawTree(c);
    } else {
        drawResults(c);
    }
}

void PortfolioPanel::drawTree(const PortfolioPanelContext& c) {
    // A new selection (from the 3D view or a command) opens the tree down to it.
    if (c.selected != m_revealed) {
        m_revealed = c.selected;
        m_revealPath = twin::treePath(*c.portfolio, c.selected);
    }
    ImGui::BeginChild("##tree", ImVec2(0, 0), false);
    for (EntityIndex root : twin::treeRoots(*c.portfolio))
        drawNode(c, root);
    m_revealPath.clear();  // opened once; the operator may close the nodes again
    ImGui::EndChild();
}

void PortfolioPanel::drawNode(const PortfolioPanelContext& c, EntityIndex e) {
    const park::Portfolio& p = *c.portfolio;
    const std::vector<EntityIndex>& kids = children(p, e);
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow |
                               ImGuiTreeNodeFlags_OpenOnDoubleClick |
                               ImGuiTreeNodeFlags_SpanAvailWidth;
    if (kids.empty()) flags |= ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen;
    if (e == c.selected) flags |= ImGuiTreeNodeFlags_Selected;
    const bool onPath =
        std::find(m_revealPath.begin(), m_revealPath.end(), e) != m_revealPath.end();
    if (onPath && e != c.selected) ImGui::SetNextItemOpen(true);
    const bool unit = p.entity(e).kind == EntityKind::Unit;
    if (unit) ImGui::PushStyleColor(ImGuiCol_Text, leaseColor(p.unit(e).lease));
    const bool open = ImGui::TreeNodeEx(reinterpret_cast<void*>(uintptr_t(e)), flags, "%s",
                                        rowLabel(p, e, c.chinese).c_str());
    if (unit) ImGui::PopStyleColor();
    if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) selectAndFly(c, e);
    if (onPath && e == c.selected) ImGui::SetScrollHereY(0.3f);
    if (unit && ImGui::IsItemHovered()) {
        const park::Unit& u = p.unit(e);
        ImGui::SetTooltip("%s\n%s  %s\n%.0f m²", p.entity(e).id.c_str(),
                          u.industry.empty() ? "—" : u.industry.c_str(),
                          leaseName(u.lease, c.chinese), double(u.area));
    }
    if (!open || kids.empty()) return;
    for (EntityIndex child : kids)  // only open nodes list their children: the tree is lazy
        drawNode(c, child);
    ImGui::TreePop();
}

void PortfolioPanel::drawBookmarks(const PortfolioPanelContext& c) {
    const bool zh = c.chinese;
    const size_t count = c.bookmarks ? c.bookmarks->size() : 0;
    if (ImGui::Button(tr(zh, "Save this view (B)", "保存当前视角 (B)")))
        c.commands->push(BookmarkCommand{"save", "view " + std::to_string(count + 1)});
    if (count == 0) {
        ImGui::TextDisabled("%s", tr(zh, "no saved views yet", "尚无保存的视角"));
        return;
    }
    for (const twin::Bookmark& b : c.bookmarks->all()) {
        std::string text = b.name;
        if (b.selected) text += "  " + *b.selected;
        if (ImGui::Selectable(text.c_str())) c.commands->push(BookmarkCommand{"go", b.name});
    }
}

void PortfolioPanel::drawResults(const PortfolioPanelContext& c) {
    const park::Portfolio& p = *c.portfolio;
    if (m_query != m_searchedQuery || m_field != m_searchedField) {
        m_matches = twin::searchMatches(p, m_query, m_field);
        m_searchedQuery = m_query;
        m_searchedField = m_field;
    }
    ImGui::TextDisabled(tr(c.chinese, "%d matches", "%d 个结果"), m_matches.total);
    ImGui::BeginChild("##results", ImVec2(0, 0), false);
    ImGuiListClipper clipper;
    clipper.Begin(int(m_matches.entities.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const EntityIndex e = m_matches.entities[size_t(i)];
            const park::Entity& entity = p.entity(e);
            std::string text = entity.id;
            if (entity.kind == EntityKind::Unit) {
                const park::Unit& u = p.unit(e);
                if (!u.tenant.empty()) text += "  " + u.tenant;
                if (!u.industry.empty()) text += "  · " + u.industry;
            } else if (!entity.name.empty()) {
                text += "  " + entity.name;
            }
            ImGui::PushID(int(e));
            if (ImGui::Selectable(text.c_str(), e == c.selected)) selectAndFly(c, e);
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

}  // namespace pt::viewer
