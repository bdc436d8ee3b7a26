#include "drivers/escl/escl_url.hpp"

#include <charconv>

namespace guichet::escl {

Result<EsclUrl> parseEsclUrl(std::string_view url) {
    auto bad = [&](const char* why) {
        return makeError(ErrorCode::InvalidArgument, "eSCL URL '" + std::string(url) + "': " + why +
                                                         " (expected http://HOST:PORT/eSCL)");
    };
    constexpr std::string_view scheme = "http://";
    if (!url.starts_with(scheme)) return bad("only http:// is supported");
    std::string_view rest = url.substr(scheme.size());
    auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? std::string_view("/eSCL") : rest.substr(slash);
    EsclUrl out;
    std::string_view portText;
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        if (close == std::string_view::npos) return bad("unclosed [ in the host");
        out.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') return bad("junk after the host");
            portText = authority.substr(close + 2);
        }
    } else {
        auto colon = authority.find(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) portText = authority.substr(colon + 1);
    }
    if (out.host.empty()) return bad("no host");
    if (!portText.empty()) {
        int port = 0;
        auto [p, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (ec != std::errc() || p != portText.data() + portText.size() || port <= 0 || port > 65535)
            return bad("bad port");
        out.port = port;
    }
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    out.basePath = std::string(path == "/" ? std::string_view("") : path);
    return out;
}

std::string jobPathFromLocation(std::string_view location, std::string_view basePath) {
    while (!location.empty() && (location.front() == ' ' || location.front() == '\t')) location.remove_prefix(1);
    while (!location.empty() && (location.back() == ' ' || location.back() == '/')) location.remove_suffix(1);
    if (location.empty()) return {};
    if (auto scheme = location.find("://"); scheme != std::string_view::npos) {
        // Keep only the path: the host is whatever the device believes its name is.
        auto slash = location.find('/', scheme + 3);
        if (slash == std::string_view::npos) return {};
        location = location.substr(slash);
    }
    for (char c : location) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == '?' || c == '#') return {};
    }
    if (location.front() == '/') return std::string(location);
    if (location.starts_with("ScanJobs/")) return std::string(basePath) + "/" + std::string(location);
    return std::string(basePath) + "/ScanJobs/" + std::string(location);
}

}  // namespace guichet::escl
