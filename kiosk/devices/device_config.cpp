#include "kiosk/devices/device_config.hpp"

#include <toml++/toml.h>

namespace guichet {
namespace {

Error bad(const std::string& file, const toml::node& n, const std::string& what) {
    return makeError(ErrorCode::InvalidArgument, file + ":" + std::to_string(n.source().begin.line) + ": " + what);
}

}  // namespace

Result<DeviceManagerConfig> deviceConfigFromToml(const toml::table& root, const std::string& file) {
    DeviceManagerConfig c;
    const toml::node* section = root.get("printer");
    if (!section) return c;
    const toml::table* t = section->as_table();
    if (!t) return bad(file, *section, "[printer] must be a table");
    for (auto&& [k, entry] : *t) {
        const std::string key(k.str());
        // A named reference, not the structured binding: clang 14 (the fuzz build) cannot
        // capture a structured binding in a lambda.
        const toml::node& node = entry;
        auto str = [&]() -> Result<std::string> {
            auto v = node.value<std::string>();
            if (!v) return bad(file, node, "printer." + key + " must be a string");
            return *v;
        };
        if (key == "mode") {
            auto v = str();
            if (!v) return v.error();
            if (*v != "usb" && *v != "demo") return bad(file, node, "printer.mode must be \"usb\" or \"demo\"");
            c.demo = *v == "demo";
        } else if (key == "profile" || key == "profiles" || key == "receipts_png") {
            auto v = str();
            if (!v) return v.error();
            (key == "profile" ? c.printerProfile : key == "profiles" ? c.profilesDir : c.receiptPngDir) = *v;
        } else if (key == "retry_seconds") {
            auto v = node.value<double>();
            if (!v || *v < 0.1 || *v > 3600) return bad(file, node, "printer.retry_seconds must be a number between 0.1 and 3600");
            c.printer.retryInterval = std::chrono::milliseconds(static_cast<long long>(*v * 1000));
        } else {
            return bad(file, node, "unknown key printer." + key + " (mode, profile, profiles, receipts_png, retry_seconds)");
        }
    }
    return c;
}

}  // namespace guichet
