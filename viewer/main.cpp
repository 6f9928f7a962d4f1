// parktwin: the viewer, headless renderer and tools behind one command line (see cli.h).
#include <cstdio>
#include <string_view>
#include <vector>

#include "viewer/app.h"
#include "viewer/cli.h"
#include "viewer/export_command.h"
#include "viewer/headless_render.h"
#include "viewer/info_command.h"
#include "viewer/publish_command.h"

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    auto options = pt::viewer::parseArgs(args);
    if (!options) {
        std::fprintf(stderr, "parktwin: %s\n", options.error().message.c_str());
        return 2;
    }
    switch (options->command) {
        case pt::viewer::Subcommand::Help:
            std::fputs(pt::viewer::helpText().c_str(), stdout);
            return 0;
        case pt::viewer::Subcommand::Version:
            std::printf("parktwin %s\n", PT_VERSION);
            return 0;
        case pt::viewer::Subcommand::Render:
            return pt::viewer::runHeadlessRender(*options);
        case pt::viewer::Subcommand::Info:
            return pt::viewer::runInfo(*options);
        case pt::viewer::Subcommand::Publish:
            return pt::viewer::runPublish(*options);
        case pt::viewer::Subcommand::Export:
            return pt::viewer::runExport(*options);
        case pt::viewer::Subcommand::View:
            return pt::viewer::runViewer(*options);
    }
    return 2;
}
