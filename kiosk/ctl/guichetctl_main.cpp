// guichetctl: the operator's tool, a thin main() over the core libraries.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "kiosk/ctl/command_registry.hpp"
#include "kiosk/version/version.hpp"

namespace guichet::ctl {

static std::vector<Command>& registry() {
    static std::vector<Command> r;  // function-local: safe against static-init order
    return r;
}

bool registerCommand(const char* name, const char* summary, CommandFn run) {
    registry().push_back({name, summary, run});
    return true;
}

const std::vector<Command>& commands() { return registry(); }

}  // namespace guichet::ctl

static void usage(FILE* out) {
    auto cmds = guichet::ctl::commands();
    std::sort(cmds.begin(), cmds.end(), [](auto& a, auto& b) { return std::strcmp(a.name, b.name) < 0; });
    std::fprintf(out, "usage: guichetctl COMMAND [ARGS...]\n\ncommands:\n");
    for (const auto& c : cmds) std::fprintf(out, "  %-12s %s\n", c.name, c.summary);
}

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("guichetctl %s\n", guichet::softwareVersion());
        return 0;
    }
    for (const auto& c : guichet::ctl::commands()) {
        if (std::strcmp(c.name, argv[1]) == 0) return c.run(guichet::ctl::Args(argv + 2, argv + argc));
    }
    std::fprintf(stderr, "guichetctl: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
