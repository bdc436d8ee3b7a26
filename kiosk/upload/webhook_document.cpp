#include "kiosk/upload/webhook_document.hpp"

#include "kiosk/upload/body_source.hpp"

namespace guichet::upload {

nlohmann::json webhookDocument(const Submission& sub, const outbox::Entry& entry,
                               const std::vector<outbox::AttachmentMeta>& metas, bool multipart) {
    nlohmann::json doc = sub.toJson();
    for (std::size_t i = 0; i < metas.size() && i < doc["attachments"].size(); ++i) {
        doc["attachments"][i]["size"] = metas[i].size;
        if (multipart)  // the part that holds this file's bytes
            doc["attachments"][i]["part"] = "attachment-" + std::to_string(i + 1);
        else
            doc["attachments"][i]["content_base64"] = attachmentPlaceholder(metas[i].index);
    }
    doc["attempt"] = entry.attempts;
    doc["possible_duplicate"] = entry.ambiguous > 0;
    return doc;
}

std::optional<std::string> webhookJsonFromPayload(const outbox::Entry& entry, const std::string_view payload) {
    // OutboxStore::store seals {"answers":<dumped answers>,"attachment_names":[]} for a
    // demand without attachments. The payload is authenticated (AEAD), so these are the
    // bytes nlohmann dumped: the answers' text is already what dumping them again gives.
    constexpr std::string_view head = R"({"answers":)", tail = R"(,"attachment_names":[]})";
    if (payload.size() < head.size() + tail.size() + 2 || payload.substr(0, head.size()) != head ||
        payload.substr(payload.size() - tail.size()) != tail)
        return std::nullopt;
    const std::string_view answers = payload.substr(head.size(), payload.size() - head.size() - tail.size());
    if (answers.front() != '{' || answers.back() != '}') return std::nullopt;
    auto quoted = [](const std::string& s) { return nlohmann::json(s).dump(); };
    // Keys in nlohmann's order (sorted): the same bytes as webhookDocument(...).dump().
    std::string rest = R"(,"attachments":[],"attempt":)" + std::to_string(entry.attempts);
    rest += R"(,"connector":)" + quoted(entry.connector);
    rest += R"(,"created_at":)" + std::to_string(entry.createdAt);
    rest += R"(,"language":)" + quoted(entry.language);
    rest += R"(,"possible_duplicate":)";
    rest += entry.ambiguous > 0 ? "true" : "false";
    rest += R"(,"procedure":{"id":)" + quoted(entry.procedureId) + R"(,"version":)" + std::to_string(entry.procedureVersion);
    rest += R"(},"reference":)" + quoted(entry.reference);
    rest += R"(,"terminal_id":)" + quoted(entry.terminalId);
    rest += R"(,"uuid":)" + quoted(entry.uuid) + "}";
    // Sized once: a reallocation would free a copy of the answers unwiped.
    std::string out;
    out.reserve(head.size() + answers.size() + rest.size());
    out += head;
    out += answers;
    out += rest;
    return out;
}

}  // namespace guichet::upload
