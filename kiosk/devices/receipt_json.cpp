#include "kiosk/devices/receipt_json.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace guichet {

Result<doc::ReceiptDocument> receiptFromJson(const std::string& text, const std::string& baseDir) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return makeError(ErrorCode::InvalidArgument, "receipt JSON: not a JSON object");
    doc::ReceiptDocument d;
    auto str = [&](const char* key) -> std::string {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (auto logo = str("logo"); !logo.empty()) {
        std::filesystem::path p(logo);
        d.logo(p.is_absolute() || baseDir.empty() ? logo : (std::filesystem::path(baseDir) / p).string());
    }
    if (auto t = str("title"); !t.empty()) d.title(t);
    if (auto s = str("subtitle"); !s.empty()) d.footer(s);  // centred, normal size
    d.separator();
    if (auto it = j.find("lines"); it != j.end()) {
        if (!it->is_array()) return makeError(ErrorCode::InvalidArgument, "receipt JSON: \"lines\" must be a list of [label, value]");
        for (const auto& row : *it) {
            if (!row.is_array() || row.size() != 2 || !row[0].is_string() || !row[1].is_string())
                return makeError(ErrorCode::InvalidArgument, "receipt JSON: each line is [\"label\", \"value\"]");
            d.row(row[0].get<std::string>(), row[1].get<std::string>());
        }
    }
    d.separator();
    if (auto q = str("qr"); !q.empty()) d.qr(q, "");
    if (auto it = j.find("footer"); it != j.end() && it->is_array())
        for (const auto& f : *it)
            if (f.is_string()) d.footer(f.get<std::string>());
    return d;
}

Result<doc::ReceiptDocument> receiptFromJsonFile(const std::string& path) {
    std::ifstream f(path);
    if (!f) return makeError(ErrorCode::NotFound, path + ": cannot open");
    std::stringstream ss;
    ss << f.rdbuf();
    auto r = receiptFromJson(ss.str(), std::filesystem::path(path).parent_path().string());
    if (!r) return makeError(r.error().code, path + ": " + r.error().message);
    return r;
}

}  // namespace guichet
