// An X server of the bench's own: Xvfb picks a free display number itself (-displayfd), so
// the bench can run beside the window tests and benches of other worktrees.
#pragma once

#include <sys/types.h>

#include <string>

namespace guichet::bench {

struct XvfbServer {
    pid_t pid = -1;
    std::string display;  // ":N"; empty when Xvfb could not start
};

// 1920x1080x24 like the other benches; stop it with stopProgram(pid).
XvfbServer startXvfb(const std::string& screen = "1920x1080x24");

}  // namespace guichet::bench
