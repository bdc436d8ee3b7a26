// What every emulator's TCP server starts from: a non-blocking socket listening on
// 127.0.0.1 (never on a real network: emulators are for demos and tests) and a wake-up
// pipe, so that the server's poll() loop sleeps on its sockets and is woken to stop or
// to notice a change, never by a timer.
#pragma once

#include <string>

#include "drivers/common/result.hpp"

namespace guichet::emu {

struct LoopbackListener {
    int listenFd = -1;
    int port = 0;  // the port bound (the one asked, or the free one picked for 0)
    int wakeRead = -1;
    int wakeWrite = -1;
    void wake(char why = 1) const;  // makes wakeRead readable; safe from any thread
    void close();                   // closes every descriptor; idempotent
};

// `who` names the emulator in errors ("tpe emulator: port 9000: Address already in use").
// A port already taken is ErrorCode::Busy, any other failure ErrorCode::Io.
Result<LoopbackListener> listenOnLoopback(const std::string& who, int port, int backlog);

}  // namespace guichet::emu
