// guichetctl subcommands register themselves here, one file each:
//   static int runOutbox(const guichet::ctl::Args& args);
//   GUICHETCTL_COMMAND("outbox", "the durable queue of submissions", runOutbox);
// Exit codes: 0 success, 1 the operation failed, 2 bad usage.
#pragma once

#include <string>
#include <vector>

namespace guichet::ctl {

using Args = std::vector<std::string>;  // the arguments after the subcommand name
using CommandFn = int (*)(const Args& args);

struct Command {
    const char* name;
    const char* summary;
    CommandFn run;
};

bool registerCommand(const char* name, const char* summary, CommandFn run);
const std::vector<Command>& commands();

}  // namespace guichet::ctl

#define GUICHETCTL_CONCAT2(a, b) a##b
#define GUICHETCTL_CONCAT(a, b) GUICHETCTL_CONCAT2(a, b)
#define GUICHETCTL_COMMAND(name, summary, fn) \
    static const bool GUICHETCTL_CONCAT(guichetctlRegistered_, __LINE__) = ::guichet::ctl::registerCommand(name, summary, fn)
