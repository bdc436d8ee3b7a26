#include "xvfb_server.hpp"

#include <unistd.h>

#include <chrono>

#include "bench_process.hpp"

namespace guichet::bench {

XvfbServer startXvfb(const std::string& screen) {
    XvfbServer x;
    int fds[2];
    if (pipe(fds) != 0) return x;
    x.pid = spawnProgram({"Xvfb", "-displayfd", "1", "-screen", "0", screen, "-nolisten", "tcp"}, fds[1], kDevNull, {});
    close(fds[1]);
    // Xvfb writes the number once it accepts connections: no sleep needed after this.
    std::string number;
    char ch;
    while (x.pid > 0 && read(fds[0], &ch, 1) == 1 && ch != '\n') number += ch;
    close(fds[0]);
    if (number.empty()) {
        stopProgram(x.pid, std::chrono::seconds(1));
        x.pid = -1;
        return x;
    }
    x.display = ":" + number;
    return x;
}

}  // namespace guichet::bench
