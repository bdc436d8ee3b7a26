#include "kiosk/payment/payment_config.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "drivers/payment/payment_request.hpp"

namespace guichet::payment {
namespace {

bool parseHex16(std::string_view s, std::uint16_t& out) {
    if (s.empty() || s.size() > 4) return false;
    unsigned v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    if (ec != std::errc() || p != s.data() + s.size()) return false;
    out = static_cast<std::uint16_t>(v);
    return true;
}

std::string hex4(std::uint16_t v) {
    char b[5];
    std::snprintf(b, sizeof b, "%04x", v);
    return b;
}

}  // namespace

std::string DeviceAddress::text() const {
    switch (kind) {
        case Kind::Tcp: return "tcp://" + host + ":" + std::to_string(port);
        case Kind::Usb: return "usb:" + hex4(vid) + ":" + hex4(pid);
        case Kind::Auto: break;
    }
    return "auto";
}

Result<DeviceAddress> parseDeviceAddress(std::string_view t) {
    DeviceAddress d;
    if (t == "auto") return d;
    if (t.rfind("tcp://", 0) == 0) {
        d.kind = DeviceAddress::Kind::Tcp;
        std::string_view rest = t.substr(6);
        const auto colon = rest.rfind(':');
        d.host = std::string(colon == std::string_view::npos ? rest : rest.substr(0, colon));
        if (colon != std::string_view::npos) {
            std::string_view p = rest.substr(colon + 1);
            auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), d.port);
            if (ec != std::errc() || ptr != p.data() + p.size() || d.port < 1 || d.port > 65535)
                return makeError(ErrorCode::InvalidArgument, "'" + std::string(p) + "' is not a TCP port (1-65535)");
        }
        if (d.host.empty()) return makeError(ErrorCode::InvalidArgument, "tcp:// needs a host: tcp://192.168.1.50:8888");
        return d;
    }
    if (t.rfind("usb:", 0) == 0) {
        d.kind = DeviceAddress::Kind::Usb;
        std::string_view rest = t.substr(4);
        const auto colon = rest.find(':');
        if (colon == std::string_view::npos || !parseHex16(rest.substr(0, colon), d.vid) ||
            !parseHex16(rest.substr(colon + 1), d.pid))
            return makeError(ErrorCode::InvalidArgument, "usb: needs VID:PID in hexadecimal, e.g. usb:0b00:0084");
        return d;
    }
    return makeError(ErrorCode::InvalidArgument,
                     "device '" + std::string(t) + "' is not tcp://HOST:PORT, usb:VID:PID or auto");
}

Result<PaymentConfig> parsePaymentConfig(std::string_view text, const std::string& source) {
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        return makeError(ErrorCode::InvalidArgument, source + ":" + std::to_string(e.source().begin.line) + ": " +
                                                         std::string(e.description()));
    }
    PaymentConfig c;
    const toml::table* t = root["payment"].as_table();
    if (!t) return c;  // no table: no card payment
    auto where = [&](const toml::node* n) {
        return source + ":" + std::to_string(n ? n->source().begin.line : t->source().begin.line) + ": ";
    };
    auto fail = [&](const char* key, const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, where(t->get(key)) + "payment." + key + ": " + why);
    };
    for (auto&& [k, v] : *t) {
        static const char* known[] = {"enabled", "device", "currency", "register", "concert_id",
                                      "connect_timeout_ms", "answer_timeout_s", "cancel_grace_s"};
        bool ok = false;
        for (const char* n : known) ok = ok || k.str() == n;
        if (!ok) return makeError(ErrorCode::InvalidArgument, where(&v) + "unknown key payment." + std::string(k.str()));
    }
    if (auto n = t->get("enabled")) {
        if (!n->is_boolean()) return fail("enabled", "must be true or false");
        c.enabled = n->as_boolean()->get();
    }
    if (auto n = t->get("device")) {
        if (!n->is_string()) return fail("device", "must be a string");
        auto d = parseDeviceAddress(n->as_string()->get());
        if (!d) return fail("device", d.error().message);
        c.device = *d;
    } else if (c.enabled) {
        return fail("device", "missing (tcp://HOST:PORT, usb:VID:PID or auto)");
    }
    if (auto n = t->get("currency")) {
        auto cur = n->is_string() ? currencyNumeric(n->as_string()->get()) : std::nullopt;
        if (!cur) return fail("currency", "must be an ISO 4217 code such as \"EUR\" or \"978\"");
        c.currency = *cur;
    }
    if (auto n = t->get("register")) {
        if (!n->is_string() || n->as_string()->get().size() != 2) return fail("register", "must be 2 digits, e.g. \"01\"");
        c.registerNumber = n->as_string()->get();
    }
    if (auto n = t->get("concert_id")) {
        if (!n->is_string() || n->as_string()->get().size() != 12) return fail("concert_id", "must be 12 digits");
        c.concertId = n->as_string()->get();
    }
    auto number = [&](const char* key, std::int64_t lo, std::int64_t hi, std::int64_t& out) -> Result<void> {
        auto n = t->get(key);
        if (!n) return {};
        if (!n->is_integer() || n->as_integer()->get() < lo || n->as_integer()->get() > hi)
            return fail(key, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
        out = n->as_integer()->get();
        return {};
    };
    std::int64_t connect = c.timeouts.connect.count(), answer = c.timeouts.answer.count() / 1000,
                 grace = c.timeouts.cancelGrace.count() / 1000;
    if (auto r = number("connect_timeout_ms", 200, 60000, connect); !r) return r.error();
    if (auto r = number("answer_timeout_s", 10, 900, answer); !r) return r.error();
    if (auto r = number("cancel_grace_s", 1, 120, grace); !r) return r.error();
    c.timeouts.connect = Millis(connect);
    c.timeouts.answer = Millis(answer * 1000);
    c.timeouts.cancelGrace = Millis(grace * 1000);
    return c;
}

Result<PaymentConfig> loadPaymentConfig(const std::string& path) {
    std::ifstream in(path);
    if (!in) return makeError(ErrorCode::NotFound, path + ": cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    return parsePaymentConfig(ss.str(), path);
}

}  // namespace guichet::payment
