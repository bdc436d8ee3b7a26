// Serves the emulated scanner over real TCP on 127.0.0.1, one thread with poll(): what a
// network scanner or the ipp-usb daemon looks like to the terminal and to guichetctl.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "drivers/common/result.hpp"
#include "drivers/emulators/escl/escl_emulator.hpp"

namespace guichet::emu {

class EmulatorTcpServer {
public:
    // port 0 picks a free one. The emulator must outlive the server.
    static Result<std::unique_ptr<EmulatorTcpServer>> start(EsclEmulator& emulator, int port = 0);
    ~EmulatorTcpServer();
    EmulatorTcpServer(const EmulatorTcpServer&) = delete;
    EmulatorTcpServer& operator=(const EmulatorTcpServer&) = delete;

    int port() const { return port_; }
    std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/eSCL"; }
    int connectionsAccepted() const { return accepted_.load(); }
    void stop();  // idempotent; joins the thread

private:
    EmulatorTcpServer(EsclEmulator& emulator, int listenFd, int port, int wakeRead, int wakeWrite);
    void run();

    EsclEmulator& emulator_;
    int listenFd_;
    int port_;
    int wakeRead_, wakeWrite_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> accepted_{0};
    std::thread thread_;
};

}  // namespace guichet::emu
