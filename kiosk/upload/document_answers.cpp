#include "kiosk/upload/document_answers.hpp"

namespace guichet::upload {

std::vector<std::size_t> documentAttachments(const nlohmann::json& answer, const std::vector<Attachment>& attachments) {
    std::vector<std::string> names;
    if (answer.is_string()) {
        names.push_back(answer.get<std::string>());
    } else if (answer.is_object() && answer.contains("attachments") && answer["attachments"].is_array()) {
        for (const auto& n : answer["attachments"])
            if (n.is_string()) names.push_back(n.get<std::string>());
    }
    std::vector<std::size_t> out;
    for (const auto& name : names)
        for (std::size_t i = 0; i < attachments.size(); ++i)
            if (attachments[i].name == name) {
                out.push_back(i);
                break;
            }
    return out;
}

Result<Bytes> readAttachment(outbox::OutboxStore& store, const outbox::Entry& entry, const outbox::AttachmentMeta& meta) {
    Bytes all;
    all.reserve(static_cast<std::size_t>(meta.size));
    auto reader = store.openAttachment(entry, meta);
    for (;;) {
        auto more = reader.next(all);
        if (!more) {
            secureWipe(all);
            return more.error();
        }
        if (!*more) break;
    }
    return all;
}

}  // namespace guichet::upload
