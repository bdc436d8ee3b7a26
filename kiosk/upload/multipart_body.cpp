#include "kiosk/upload/multipart_body.hpp"

#include <sodium.h>

namespace guichet::upload {

std::string quotedParameter(const std::string& value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += "%22";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else out += c;
    }
    return out + "\"";
}

MultipartBuilder::MultipartBuilder(outbox::OutboxStore& store, const outbox::Entry& entry)
    : body_(std::make_unique<StreamedJsonBody>(store, entry)) {
    // 24 random bytes in hex: cannot occur by chance in a scan or a resident's text.
    unsigned char raw[24];
    randombytes_buf(raw, sizeof raw);
    char hex[sizeof raw * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    boundary_ = std::string("guichet-") + hex;
}

std::string MultipartBuilder::header(const std::string& name, const std::string* fileName,
                                     const std::string& mediaType) const {
    std::string h = "--" + boundary_ + "\r\nContent-Disposition: form-data; name=" + quotedParameter(name);
    if (fileName) h += "; filename=" + quotedParameter(*fileName);
    h += "\r\n";
    if (!mediaType.empty()) h += "Content-Type: " + mediaType + "\r\n";
    return h + "\r\n";
}

void MultipartBuilder::addField(const std::string& name, const std::string& value, const std::string& mediaType) {
    body_->addText(header(name, nullptr, mediaType) + value + "\r\n");
}

void MultipartBuilder::addFile(const std::string& name, const std::string& fileName, const std::string& mediaType,
                               const outbox::AttachmentMeta& attachment) {
    body_->addText(header(name, &fileName, mediaType.empty() ? "application/octet-stream" : mediaType));
    body_->addAttachmentRaw(attachment);
    body_->addText("\r\n");
}

void MultipartBuilder::addFileBytes(const std::string& name, const std::string& fileName, const std::string& mediaType,
                                    const Bytes& data) {
    body_->addText(header(name, &fileName, mediaType) + std::string(data.begin(), data.end()) + "\r\n");
}

std::unique_ptr<StreamedJsonBody> MultipartBuilder::finish() {
    body_->addText("--" + boundary_ + "--\r\n");
    return std::move(body_);
}

}  // namespace guichet::upload
