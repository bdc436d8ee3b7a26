// Runs status_server.py (a loopback back office answering follow-up questions) for one
// test, with the answers given, and always stops it.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace guichet::test {

class StatusServer {
public:
    // answers: path -> [status, body]; wcs key/orig to verify signed queries.
    StatusServer(const nlohmann::json& answers, const std::string& dir, const std::string& wcsKey = "",
                 const std::string& wcsOrig = "");
    ~StatusServer();
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::vector<nlohmann::json> requests() const;  // {"path", "query", "verdict"} per request

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string log_;
};

}  // namespace guichet::test
