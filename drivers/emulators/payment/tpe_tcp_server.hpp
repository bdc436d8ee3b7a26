// Serves the software TPE over real TCP on 127.0.0.1 (Caisse-AP over IP): one connection
// at a time, one request per connection, as a real TPE does. One thread, poll(), a wake pipe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "drivers/common/result.hpp"
#include "drivers/emulators/payment/tpe_emulator.hpp"

namespace guichet::emu {

class TpeTcpServer {
public:
    // port 0 picks a free one. The emulator must outlive the server.
    static Result<std::unique_ptr<TpeTcpServer>> start(TpeEmulator& emulator, int port = 0);
    ~TpeTcpServer();
    TpeTcpServer(const TpeTcpServer&) = delete;
    TpeTcpServer& operator=(const TpeTcpServer&) = delete;

    int port() const { return port_; }
    // Called (server thread) once an approval left for the register: tools append a journal.
    void setOnAnswered(std::function<void(const std::string& answer)> f) { onAnswered_ = std::move(f); }
    void stop();  // idempotent; joins the thread

private:
    TpeTcpServer(TpeEmulator& emulator, int listenFd, int port, int wakeRead, int wakeWrite);
    void run();
    void serve(int fd);
    bool sleepUnlessStopped(std::chrono::milliseconds d, int clientFd);

    TpeEmulator& emulator_;
    int listenFd_;
    int port_;
    int wakeRead_, wakeWrite_;
    std::atomic<bool> stopping_{false};
    std::function<void(const std::string&)> onAnswered_;
    std::thread thread_;
};

}  // namespace guichet::emu
