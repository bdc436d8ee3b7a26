#include "kiosk/devices/printer_profiles.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <set>

namespace guichet {
namespace fs = std::filesystem;

namespace {

struct RawProfile {
    std::string file;
    toml::table table;
};

std::string where(const RawProfile& r, const toml::node* node) {
    std::string s = r.file;
    if (node && node->source().begin.line) s += ":" + std::to_string(node->source().begin.line);
    return s;
}

Error bad(const RawProfile& r, const toml::node* node, const std::string& what) {
    return makeError(ErrorCode::InvalidArgument, where(r, node) + ": " + what);
}

template <class T>
Result<T> intIn(const RawProfile& r, const toml::node& n, const char* key, long lo, long hi) {
    auto v = n.value<long long>();
    if (!v || *v < lo || *v > hi)
        return bad(r, &n, std::string(key) + " must be a whole number between " + std::to_string(lo) + " and " + std::to_string(hi));
    return static_cast<T>(*v);
}

// Applies the keys `r` sets on top of `p` (its parent's values, or the defaults).
Result<void> apply(const RawProfile& r, escpos::PrinterProfile& p) {
    const toml::table& t = r.table;
    for (auto&& [k, node] : t) {
        const std::string key(k.str());
        if (key == "inherits") continue;
        if (key == "description") {
            if (!node.is_string()) return bad(r, &node, "description must be a string");
            p.description = *node.value<std::string>();
        } else if (key == "width_dots") {
            auto v = intIn<int>(r, node, "width_dots", 96, 2048);
            if (!v) return v.error();
            p.widthDots = *v;
        } else if (key == "dpi") {
            auto v = intIn<int>(r, node, "dpi", 100, 600);
            if (!v) return v.error();
            p.dpi = *v;
        } else if (key == "vertical_motion_unit") {
            auto v = intIn<int>(r, node, "vertical_motion_unit", 100, 1200);
            if (!v) return v.error();
            p.verticalMotionUnit = *v;
        } else if (key == "columns_font_a" || key == "columns_font_b") {
            auto v = intIn<int>(r, node, key.c_str(), 16, 96);
            if (!v) return v.error();
            (key == "columns_font_a" ? p.columnsFontA : p.columnsFontB) = *v;
        } else if (key == "code_pages") {
            const toml::array* arr = node.as_array();
            if (!arr || arr->empty()) return bad(r, &node, "code_pages must be a non-empty list of { page = \"cp858\", number = 19 }");
            p.codePages.clear();
            for (const toml::node& e : *arr) {
                const toml::table* cp = e.as_table();
                if (!cp) return bad(r, &e, "each code page is { page = \"cp858\", number = 19 }");
                auto name = (*cp)["page"].value<std::string>();
                auto page = name ? escpos::codePageFromName(*name) : std::nullopt;
                if (!page) return bad(r, &e, "unknown code page '" + name.value_or("") + "' (cp437, cp850, cp858, cp1252, cp852, cp866)");
                auto num = (*cp)["number"].value<long long>();
                if (!num || *num < 0 || *num > 255) return bad(r, &e, "code page number must be 0..255 (the n of ESC t n)");
                p.codePages.push_back({*page, static_cast<std::uint8_t>(*num)});
            }
            if (p.codePages.size() > 8) return bad(r, &node, "at most 8 code pages");
        } else if (key == "usb") {
            const toml::array* arr = node.as_array();
            if (!arr) return bad(r, &node, "usb must be a list of \"VVVV:PPPP\"");
            p.usbIds.clear();
            for (const toml::node& e : *arr) {
                auto s = e.value<std::string>();
                unsigned vid = 0, pid = 0;
                char extra = 0;
                if (!s || s->size() != 9 || std::sscanf(s->c_str(), "%4x:%4x%c", &vid, &pid, &extra) != 2)
                    return bad(r, &e, "usb id must look like \"04b8:0e28\"");
                p.usbIds.emplace_back(static_cast<std::uint16_t>(vid), static_cast<std::uint16_t>(pid));
            }
        } else if (key == "features") {
            const toml::table* f = node.as_table();
            if (!f) return bad(r, &node, "[features] must be a table");
            for (auto&& [fk, fn] : *f) {
                const std::string fkey(fk.str());
                if (fkey == "qr" || fkey == "status") {
                    auto b = fn.value<bool>();
                    if (!b) return bad(r, &fn, fkey + " must be true or false");
                    (fkey == "qr" ? p.nativeQr : p.realtimeStatus) = *b;
                } else if (fkey == "cut") {
                    auto s = fn.value<std::string>();
                    if (s == "none") p.cut = escpos::CutMode::None;
                    else if (s == "full") p.cut = escpos::CutMode::Full;
                    else if (s == "partial") p.cut = escpos::CutMode::Partial;
                    else return bad(r, &fn, "cut must be \"none\", \"full\" or \"partial\"");
                } else if (fkey == "cut_feed_lines") {
                    auto v = intIn<int>(r, fn, "cut_feed_lines", 0, 20);
                    if (!v) return v.error();
                    p.cutFeedLines = *v;
                } else if (fkey == "raster_band_rows") {
                    auto v = intIn<int>(r, fn, "raster_band_rows", 8, 1024);
                    if (!v) return v.error();
                    p.rasterBandRows = *v;
                } else if (fkey == "qr_module_size") {
                    auto v = intIn<int>(r, fn, "qr_module_size", 1, 16);
                    if (!v) return v.error();
                    p.qrModuleSize = *v;
                } else {
                    return bad(r, &fn, "unknown feature '" + fkey + "'");
                }
            }
        } else {
            return bad(r, &node, "unknown key '" + key + "'");
        }
    }
    return {};
}

Result<escpos::PrinterProfile> resolve(const std::string& name, const std::map<std::string, RawProfile>& raws,
                                       std::set<std::string>& visiting) {
    auto it = raws.find(name);
    if (it == raws.end()) return makeError(ErrorCode::NotFound, "no printer profile named '" + name + "'");
    const RawProfile& r = it->second;
    if (!visiting.insert(name).second) return bad(r, nullptr, "inherits loops back to '" + name + "'");
    escpos::PrinterProfile p;
    if (const toml::node* parent = r.table.get("inherits")) {
        auto pname = parent->value<std::string>();
        if (!pname) return bad(r, parent, "inherits must be a profile name");
        if (!raws.count(*pname)) return bad(r, parent, "inherits unknown profile '" + *pname + "'");
        auto base = resolve(*pname, raws, visiting);
        if (!base) return base.error();
        p = std::move(*base);
        p.usbIds.clear();  // ids name one model: never inherited
    }
    p.name = name;
    if (auto a = apply(r, p); !a) return a.error();
    if (p.codePages.empty()) return bad(r, nullptr, "no code_pages (set them or inherit a profile that does)");
    if (p.widthDots / p.columnsFontA < 6) return bad(r, nullptr, "columns_font_a too large for width_dots");
    visiting.erase(name);
    return p;
}

}  // namespace

std::string PrinterProfiles::defaultDirectory() {
    if (const char* env = std::getenv("GUICHET_PRINTER_PROFILES")) return env;
#if defined(GUICHET_DATADIR)  // installed by the Debian package
    return GUICHET_DATADIR "/printers";
#elif defined(GUICHET_CONFIG_DIR)
    return std::string(GUICHET_CONFIG_DIR) + "/printers";
#else
    return "config/printers";
#endif
}

Result<PrinterProfiles> PrinterProfiles::loadDirectory(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return makeError(ErrorCode::NotFound, dir + ": no such folder of printer profiles");
    std::map<std::string, RawProfile> raws;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".toml") continue;
        const std::string file = entry.path().string();
        try {
            raws[entry.path().stem().string()] = RawProfile{file, toml::parse_file(file)};
        } catch (const toml::parse_error& e) {  // toml++ is built with exceptions: keep them here
            return makeError(ErrorCode::InvalidArgument,
                             file + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
        }
    }
    PrinterProfiles out;
    for (const auto& [name, raw] : raws) {
        std::set<std::string> visiting;
        auto p = resolve(name, raws, visiting);
        if (!p) return p.error();
        out.profiles_[name] = std::move(*p);
    }
    return out;
}

const escpos::PrinterProfile* PrinterProfiles::find(const std::string& name) const {
    auto it = profiles_.find(name);
    return it == profiles_.end() ? nullptr : &it->second;
}

const escpos::PrinterProfile* PrinterProfiles::forUsb(std::uint16_t vid, std::uint16_t pid) const {
    for (const auto& [name, p] : profiles_)
        for (auto [v, d] : p.usbIds)
            if (v == vid && d == pid) return &p;
    return nullptr;
}

}  // namespace guichet
