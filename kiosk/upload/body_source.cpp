#include "kiosk/upload/body_source.hpp"

#include <sodium.h>

#include <cstring>

namespace guichet::upload {

std::size_t base64Size(std::size_t n) { return 4 * ((n + 2) / 3); }

Result<std::size_t> StringBody::read(char* buf, std::size_t n) {
    std::size_t k = std::min(n, s_.size() - pos_);
    std::memcpy(buf, s_.data() + pos_, k);
    pos_ += k;
    return k;
}

StreamedJsonBody::~StreamedJsonBody() {
    secureWipe(pending_);
    secureWipe(plain_);
    for (auto& p : parts_) secureWipe(p.text);
}

void StreamedJsonBody::addText(std::string text) {
    size_ += text.size();
    parts_.push_back({std::move(text), std::nullopt});
}

void StreamedJsonBody::addAttachmentBase64(const outbox::AttachmentMeta& meta) {
    size_ += base64Size(static_cast<std::size_t>(meta.size));
    parts_.push_back({{}, meta});
}

void StreamedJsonBody::addAttachmentRaw(const outbox::AttachmentMeta& meta) {
    size_ += static_cast<std::size_t>(meta.size);
    parts_.push_back({{}, meta, false});
}

Result<void> StreamedJsonBody::rewind() {
    part_ = 0;
    partStarted_ = false;
    reader_.reset();
    secureWipe(pending_);
    pendingPos_ = 0;
    return {};
}

Result<bool> StreamedJsonBody::refill() {
    secureWipe(pending_);
    pendingPos_ = 0;
    while (part_ < parts_.size()) {
        Part& p = parts_[part_];
        if (!p.attachment) {
            if (!partStarted_) {
                partStarted_ = true;
                pending_ = p.text;
                if (!pending_.empty()) return true;
            }
        } else {
            if (!partStarted_) {
                partStarted_ = true;
                reader_ = store_.openAttachment(entry_, *p.attachment);
            }
            plain_.clear();
            auto more = reader_->next(plain_);
            if (!more) return more.error();
            if (*more && !plain_.empty() && !p.base64) {
                pending_.assign(reinterpret_cast<const char*>(plain_.data()), plain_.size());
                secureWipe(plain_.data(), plain_.size());
                return true;
            }
            if (*more && !plain_.empty()) {
                // Chunks are multiples of 3 bytes except the last: concatenated base64 stays valid.
                pending_.resize(sodium_base64_encoded_len(plain_.size(), sodium_base64_VARIANT_ORIGINAL));
                sodium_bin2base64(pending_.data(), pending_.size(), plain_.data(), plain_.size(),
                                  sodium_base64_VARIANT_ORIGINAL);
                pending_.resize(std::strlen(pending_.c_str()));
                secureWipe(plain_.data(), plain_.size());
                return true;
            }
            if (*more) continue;  // an empty chunk (empty attachment)
            reader_.reset();
        }
        ++part_;
        partStarted_ = false;
    }
    return false;
}

Result<std::size_t> StreamedJsonBody::read(char* buf, std::size_t n) {
    std::size_t done = 0;
    while (done < n) {
        if (pendingPos_ >= pending_.size()) {
            auto more = refill();
            if (!more) return more.error();
            if (!*more) break;
        }
        std::size_t k = std::min(n - done, pending_.size() - pendingPos_);
        std::memcpy(buf + done, pending_.data() + pendingPos_, k);
        pendingPos_ += k;
        done += k;
    }
    return done;
}

std::string attachmentPlaceholder(int index) { return "\x01guichet-attachment-" + std::to_string(index) + "\x01"; }

std::unique_ptr<StreamedJsonBody> streamJson(outbox::OutboxStore& store, const outbox::Entry& entry,
                                             const std::string& dumped,
                                             const std::vector<outbox::AttachmentMeta>& attachments) {
    auto body = std::make_unique<StreamedJsonBody>(store, entry);
    std::size_t pos = 0;
    for (;;) {
        // nlohmann escapes \x01 as \u0001 when dumping.
        std::size_t best = std::string::npos;
        int which = -1;
        std::string token;
        for (const auto& a : attachments) {
            std::string t = "\\u0001guichet-attachment-" + std::to_string(a.index) + "\\u0001";
            std::size_t at = dumped.find(t, pos);
            if (at < best) {
                best = at;
                which = a.index;
                token = t;
            }
        }
        if (best == std::string::npos) break;
        body->addText(dumped.substr(pos, best - pos));
        for (const auto& a : attachments)
            if (a.index == which) body->addAttachmentBase64(a);
        pos = best + token.size();
    }
    body->addText(dumped.substr(pos));
    return body;
}

}  // namespace guichet::upload
