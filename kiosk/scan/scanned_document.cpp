#include "kiosk/scan/scanned_document.hpp"

namespace guichet::scan {

void ScannedDocument::wipePages(std::vector<ScannedPage>& pages) {
    for (auto& p : pages) p.wipe();
    pages.clear();
}

void ScannedDocument::setPending(std::vector<ScannedPage> pages) {
    wipePages(pending_);
    pending_ = std::move(pages);
}

void ScannedDocument::keepPending() {
    for (auto& p : pending_) pages_.push_back(std::move(p));
    pending_.clear();
}

void ScannedDocument::discardPending() { wipePages(pending_); }

bool ScannedDocument::removePage(std::size_t index) {
    if (index >= pages_.size()) return false;
    pages_[index].wipe();
    pages_.erase(pages_.begin() + static_cast<std::ptrdiff_t>(index));
    return true;
}

std::size_t ScannedDocument::totalBytes() const {
    std::size_t n = 0;
    for (const auto& p : pages_) n += p.jpeg.size();
    return n;
}

void ScannedDocument::wipe() {
    wipePages(pages_);
    wipePages(pending_);
}

}  // namespace guichet::scan
