#include "tests/followup/status_server.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace guichet::test {

StatusServer::StatusServer(const nlohmann::json& answers, const std::string& dir, const std::string& wcsKey,
                           const std::string& wcsOrig) {
    const std::string answersPath = dir + "/answers.json";
    std::ofstream(answersPath) << answers.dump();
    log_ = dir + "/status-server.log";
    const std::string script = std::string(GUICHET_SOURCE_DIR) + "/tests/followup/status_server.py";
    pid_ = ::fork();
    if (pid_ == 0) {
        FILE* out = std::freopen(log_.c_str(), "w", stdout);
        (void)out;
        ::execlp("python3", "python3", script.c_str(), "--answers", answersPath.c_str(), "--wcs-key", wcsKey.c_str(),
                 "--wcs-orig", wcsOrig.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    for (int i = 0; i < 200 && port_ == 0; ++i) {  // up to 10 s on a loaded machine
        std::ifstream in(log_);
        std::string line;
        if (std::getline(in, line) && line.rfind("PORT ", 0) == 0) port_ = std::stoi(line.substr(5));
        else std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (port_ == 0) throw std::runtime_error("status_server.py did not start (python3 missing?)");
}

StatusServer::~StatusServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
}

std::vector<nlohmann::json> StatusServer::requests() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(log_);
    std::string line;
    std::getline(in, line);  // PORT
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
}

}  // namespace guichet::test
