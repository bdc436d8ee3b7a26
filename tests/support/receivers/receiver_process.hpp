// Starts a loopback back-office receiver (receiver.py) on a free port for one test and
// always stops it; its JSON-lines log tells the test what arrived, byte for byte.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace guichet::test {

class ReceiverProcess {
public:
    // args: receiver.py options after --mode (e.g. {"--mode", "webhook", "--faults", "0.5"}).
    static std::unique_ptr<ReceiverProcess> start(const std::vector<std::string>& args, const std::string& logPath);
    ~ReceiverProcess();
    int port() const { return port_; }
    std::string url(const std::string& path = "") const;
    std::vector<nlohmann::json> requests() const;  // every request so far, in arrival order

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string log_;
};

// A fresh folder under /tmp removed at the end of the test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return path_; }
    std::string operator/(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

// A TCP port that was free a moment ago (bound to port 0, then released).
int freePort();

}  // namespace guichet::test
