#include "demo_park_writer.h"

#include "building_mesh.h"
#include "park/demo_park.h"
#include "park/manifest.h"
#include "site_mesh.h"

namespace pt::tools {

Result<DemoParkStats> writeDemoPark(std::uint64_t seed, const std::filesystem::path& outDir) {
    const park::Portfolio portfolio = park::makeDemoPortfolio(seed);
    std::error_code ec;
    std::filesystem::create_directories(outDir / "models", ec);
    if (ec) return makeError(outDir.string(), ": cannot create folder: ", ec.message());
    DemoParkStats stats;
    auto emit = [&](const GlbBuilder& glb, const std::string& model) -> Result<void> {
        stats.triangles += glb.triangleCount();
        ++stats.glbFiles;
        return glb.write(outDir / model);
    };
    for (park::EntityIndex b : portfolio.ofKind(park::EntityKind::Building))
        PT_TRY(emit(buildingGlb(portfolio, b), portfolio.building(b).models.front()));
    for (park::EntityIndex p : portfolio.parks())
        PT_TRY(emit(siteGlb(portfolio, p), portfolio.park(p).models.front()));
    PT_TRY(park::saveManifest(portfolio, outDir / "manifest.json"));
    return stats;
}

}  // namespace pt::tools
