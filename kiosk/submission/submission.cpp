#include "kiosk/submission/submission.hpp"

#include <cctype>
#include <random>

namespace guichet {

nlohmann::json Submission::toJson() const {
    nlohmann::json atts = nlohmann::json::array();
    for (const auto& a : attachments)
        atts.push_back({{"name", a.name}, {"media_type", a.mediaType}, {"size", a.data.size()}});
    return {{"uuid", uuid},
            {"reference", reference},
            {"procedure", {{"id", procedureId}, {"version", procedureVersion}}},
            {"connector", connector},
            {"language", language},
            {"terminal_id", terminalId},
            {"created_at", createdAt},
            {"answers", answers},
            {"attachments", atts}};
}

Result<Submission> Submission::fromJson(const nlohmann::json& j) {
    try {
        Submission s;
        s.uuid = j.at("uuid").get<std::string>();
        s.reference = j.value("reference", referenceFromUuid(s.uuid));
        s.procedureId = j.at("procedure").at("id").get<std::string>();
        s.procedureVersion = j.at("procedure").value("version", 1);
        s.connector = j.value("connector", "directory");
        s.language = j.value("language", "fr");
        s.terminalId = j.value("terminal_id", "");
        s.createdAt = j.value("created_at", std::int64_t{0});
        s.answers = j.value("answers", nlohmann::json::object());
        if (s.uuid.size() != 36) return makeError(ErrorCode::InvalidArgument, "uuid must be 36 characters");
        if (!s.answers.is_object()) return makeError(ErrorCode::InvalidArgument, "answers must be an object");
        return s;
    } catch (const nlohmann::json::exception& e) {
        return makeError(ErrorCode::InvalidArgument, std::string("submission JSON: ") + e.what());
    }
}

namespace {
void wipeJson(nlohmann::json& j) {
    if (j.is_string()) secureWipe(j.get_ref<std::string&>());
    else if (j.is_structured())
        for (auto& v : j) wipeJson(v);
}
}  // namespace

void Submission::wipe() {
    wipeJson(answers);
    answers = nlohmann::json::object();
    for (auto& a : attachments) secureWipe(a.data);
    attachments.clear();
}

std::string newUuid() {
    static thread_local std::random_device rd;
    std::uint8_t b[16];
    for (auto& x : b) x = static_cast<std::uint8_t>(rd());
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    std::string hex = toHex(b, 16, false);
    for (auto& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string referenceFromUuid(const std::string& uuid) {
    // 30 symbols: digits 2-9 and letters without I, L, O, U (no 0/O, 1/I/L confusion).
    static const char* alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the UUID
    for (char c : uuid) { h ^= static_cast<unsigned char>(c); h *= 1099511628211ull; }
    std::string r = "GU-";
    for (int i = 0; i < 8; ++i) {
        if (i == 4) r.push_back('-');
        r.push_back(alphabet[h % 30]);
        h /= 30;
    }
    return r;
}

}  // namespace guichet
