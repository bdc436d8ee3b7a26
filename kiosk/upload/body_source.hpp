// A request body produced piece by piece: literal text and attachments streamed from the
// outbox as base64, so a 500 KB scan is never wholly in memory. Rewindable (sign, then send).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kiosk/outbox/outbox_store.hpp"

namespace guichet::upload {

class BodySource {
public:
    virtual ~BodySource() = default;
    virtual std::size_t size() const = 0;
    virtual Result<void> rewind() = 0;
    // Up to n bytes; 0 at the end.
    virtual Result<std::size_t> read(char* buf, std::size_t n) = 0;
    // The whole body when it is already one string in memory (then it is sent and signed in
    // place, without a copy); nullptr for a streamed body.
    virtual const std::string* whole() const { return nullptr; }
};

class StringBody : public BodySource {
public:
    explicit StringBody(std::string s) : s_(std::move(s)) {}
    ~StringBody() override { secureWipe(s_); }
    std::size_t size() const override { return s_.size(); }
    Result<void> rewind() override { pos_ = 0; return {}; }
    Result<std::size_t> read(char* buf, std::size_t n) override;
    const std::string* whole() const override { return &s_; }

private:
    std::string s_;
    std::size_t pos_ = 0;
};

// Text segments interleaved with attachments, streamed from the outbox either base64-encoded
// (inside JSON) or as they are (multipart parts).
class StreamedJsonBody : public BodySource {
public:
    StreamedJsonBody(outbox::OutboxStore& store, outbox::Entry entry) : store_(store), entry_(std::move(entry)) {}
    ~StreamedJsonBody() override;
    void addText(std::string text);
    void addAttachmentBase64(const outbox::AttachmentMeta& meta);
    void addAttachmentRaw(const outbox::AttachmentMeta& meta);
    std::size_t size() const override { return size_; }
    Result<void> rewind() override;
    Result<std::size_t> read(char* buf, std::size_t n) override;

private:
    struct Part {
        std::string text;
        std::optional<outbox::AttachmentMeta> attachment;
        bool base64 = true;
    };
    Result<bool> refill();  // the next piece of the current part into pending_

    outbox::OutboxStore& store_;
    outbox::Entry entry_;
    std::vector<Part> parts_;
    std::size_t size_ = 0;
    std::size_t part_ = 0;
    bool partStarted_ = false;
    std::optional<outbox::AttachmentReader> reader_;
    std::string pending_;
    std::size_t pendingPos_ = 0;
    Bytes plain_;
};

// A placeholder a connector puts in its JSON where an attachment's base64 goes; the
// dumped document is then split around it (the quotes of the JSON string stay).
std::string attachmentPlaceholder(int index);
// Splits dumped JSON around placeholders into a StreamedJsonBody.
std::unique_ptr<StreamedJsonBody> streamJson(outbox::OutboxStore& store, const outbox::Entry& entry,
                                             const std::string& dumped,
                                             const std::vector<outbox::AttachmentMeta>& attachments);

std::size_t base64Size(std::size_t n);

}  // namespace guichet::upload
