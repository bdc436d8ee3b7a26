#include "kiosk/appliance/heartbeat.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace guichet::appliance {

using nlohmann::json;

std::string heartbeatToJson(const Heartbeat& h) {
    json j;
    j["version"] = h.version;
    j["terminal_id"] = h.terminalId;
    j["pid"] = h.pid;
    j["written_at"] = h.writtenAt;
    j["started_at"] = h.startedAt;
    j["out_of_service"] = h.outOfService;
    j["devices"] = json::array();
    for (const auto& d : h.devices) j["devices"].push_back({{"kind", d.kind}, {"status", d.status}, {"detail", d.detail}});
    json s;
    s["by_procedure_outcome"] = json::array();
    for (const auto& [k, n] : h.sessions.byProcedureOutcome)
        s["by_procedure_outcome"].push_back({{"procedure", k.first}, {"outcome", k.second}, {"count", n}});
    s["by_mode"] = h.sessions.byMode;
    s["buckets"] = h.sessions.bucketCounts;
    s["count"] = h.sessions.count;
    s["sum_seconds"] = h.sessions.sumSeconds;
    j["sessions"] = s;
    return j.dump(2) + "\n";
}

Result<Heartbeat> heartbeatFromJson(const std::string& text, const std::string& name) {
    try {
        json j = json::parse(text);
        Heartbeat h;
        h.version = j.value("version", "");
        h.terminalId = j.value("terminal_id", "");
        h.pid = j.value("pid", 0L);
        h.writtenAt = j.at("written_at").get<std::int64_t>();
        h.startedAt = j.value("started_at", std::int64_t{0});
        h.outOfService = j.value("out_of_service", false);
        for (const auto& d : j.value("devices", json::array()))
            h.devices.push_back({d.value("kind", ""), d.value("status", ""), d.value("detail", "")});
        if (j.contains("sessions")) {
            const json& s = j["sessions"];
            for (const auto& e : s.value("by_procedure_outcome", json::array()))
                h.sessions.byProcedureOutcome[{e.at("procedure").get<std::string>(), e.at("outcome").get<std::string>()}] =
                    e.at("count").get<std::uint64_t>();
            h.sessions.byMode = s.value("by_mode", std::map<std::string, std::uint64_t>{});
            auto buckets = s.value("buckets", std::vector<std::uint64_t>{});
            for (std::size_t i = 0; i < buckets.size() && i < h.sessions.bucketCounts.size(); ++i)
                h.sessions.bucketCounts[i] = buckets[i];
            h.sessions.count = s.value("count", std::uint64_t{0});
            h.sessions.sumSeconds = s.value("sum_seconds", 0.0);
        }
        return h;
    } catch (const json::exception& e) {
        return makeError(ErrorCode::InvalidArgument, name + ": not a heartbeat file (" + e.what() + ")");
    }
}

Result<Heartbeat> readHeartbeat(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path + ": no heartbeat (" + std::strerror(errno) + ")");
    std::stringstream ss;
    ss << in.rdbuf();
    return heartbeatFromJson(ss.str(), path);
}

Result<void> writeFileAtomically(const std::string& path, const std::string& text, unsigned mode) {
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return makeError(ErrorCode::Io, tmp + ": cannot write (" + std::strerror(errno) + ")");
    fchmod(fd, mode);  // the umask must not make it unreadable for node_exporter
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int e = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            return makeError(e == ENOSPC ? ErrorCode::NoSpace : ErrorCode::Io,
                             tmp + ": write failed (" + std::strerror(e) + ")");
        }
        done += static_cast<std::size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        return makeError(ErrorCode::Io, path + ": rename failed (" + std::strerror(e) + ")");
    }
    return {};
}

}  // namespace guichet::appliance
