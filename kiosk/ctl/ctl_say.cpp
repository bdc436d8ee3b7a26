// guichetctl say: runs guichetctl-say, installed beside guichetctl (kiosk/ctl/say/). The
// speech synthesiser and SDL audio live there so that every other command starts without
// loading them (issue 17: ~50 ms of dynamic loading per command).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/ctl/command_registry.hpp"

namespace {

int runSay(const guichet::ctl::Args& args) {
    std::error_code ec;
    std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    std::string tool = (ec ? std::filesystem::path("guichetctl-say") : self.parent_path() / "guichetctl-say").string();
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(tool.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(tool.c_str(), argv.data());
    std::fprintf(stderr, "guichetctl say: cannot run %s: %s (it is installed beside guichetctl; reinstall the package)\n",
                 tool.c_str(), std::strerror(errno));
    return 1;
}

}  // namespace

GUICHETCTL_COMMAND("say", "speak a text with the terminal's voice (--wav OUT.wav to write a file)", runSay);
