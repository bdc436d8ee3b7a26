// A multipart/form-data body (RFC 7578) streamed like the JSON bodies: text fields and
// in-memory files are literal, outbox attachments are read chunk by chunk as they are sent.
#pragma once

#include <memory>
#include <string>

#include "kiosk/upload/body_source.hpp"

namespace guichet::upload {

class MultipartBuilder {
public:
    MultipartBuilder(outbox::OutboxStore& store, const outbox::Entry& entry);
    void addField(const std::string& name, const std::string& value, const std::string& mediaType = "");
    void addFile(const std::string& name, const std::string& fileName, const std::string& mediaType,
                 const outbox::AttachmentMeta& attachment);
    void addFileBytes(const std::string& name, const std::string& fileName, const std::string& mediaType,
                      const Bytes& data);
    // Closes the body; the builder is then spent.
    std::unique_ptr<StreamedJsonBody> finish();
    std::string contentType() const { return "multipart/form-data; boundary=" + boundary_; }

private:
    std::string header(const std::string& name, const std::string* fileName, const std::string& mediaType) const;
    std::string boundary_;
    std::unique_ptr<StreamedJsonBody> body_;
};

// A form-data parameter value: quotes, CR and LF percent-encoded as RFC 7578 §4.2 allows.
std::string quotedParameter(const std::string& value);

}  // namespace guichet::upload
