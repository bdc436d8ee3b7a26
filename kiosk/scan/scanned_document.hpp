// The pages of the document a resident is scanning, as the "Numérisez votre document" step
// holds them: the last scan waits in `pending` for "Garder" or "Recommencer"; kept pages
// can be removed. Personal data: memory only, wiped on wipe() and on destruction.
#pragma once

#include <vector>

#include "kiosk/scan/scan_attachment.hpp"

namespace guichet::scan {

class ScannedDocument {
public:
    ScannedDocument() = default;
    ~ScannedDocument() { wipe(); }
    ScannedDocument(const ScannedDocument&) = delete;
    ScannedDocument& operator=(const ScannedDocument&) = delete;

    // A fresh scan to preview; replaces (and wipes) an earlier one not yet kept.
    void setPending(std::vector<ScannedPage> pages);
    const std::vector<ScannedPage>& pending() const { return pending_; }
    void keepPending();     // "Garder"
    void discardPending();  // "Recommencer"

    const std::vector<ScannedPage>& pages() const { return pages_; }
    std::size_t pageCount() const { return pages_.size(); }
    bool removePage(std::size_t index);  // false for a bad index
    std::size_t totalBytes() const;

    Result<Attachment> toAttachment(const AttachmentPolicy& policy) const { return makeScanAttachment(pages_, policy); }
    void wipe();

private:
    static void wipePages(std::vector<ScannedPage>& pages);
    std::vector<ScannedPage> pages_;
    std::vector<ScannedPage> pending_;
};

}  // namespace guichet::scan
