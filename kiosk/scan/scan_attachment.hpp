// Turns the pages a resident kept into the one attachment a submission carries: a JPEG for a
// single page (when allowed) or a multi-page PDF, re-compressed step by step until it fits
// the configured size limit. Every intermediate copy is wiped.
#pragma once

#include <string>
#include <vector>

#include "kiosk/devices/device_services.hpp"
#include "kiosk/submission/submission.hpp"

namespace guichet::scan {

enum class AttachmentFormat {
    Pdf,   // always one PDF (what most back offices expect)
    Auto,  // a single page stays a JPEG, several become a PDF
};

struct AttachmentPolicy {
    AttachmentFormat format = AttachmentFormat::Pdf;
    std::size_t maxBytes = 4 * 1024 * 1024;
    std::string baseName = "document";  // "document.pdf"
};

// NoSpace when even the smallest rendition exceeds maxBytes; InvalidArgument for no page;
// Protocol for a page that is not a JPEG.
Result<Attachment> makeScanAttachment(const std::vector<ScannedPage>& pages, const AttachmentPolicy& policy);

}  // namespace guichet::scan
