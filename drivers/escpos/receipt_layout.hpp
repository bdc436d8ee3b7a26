// Lays a doc::ReceiptDocument out for one printer profile: word-wrapped to its columns,
// label/value rows with dot leaders, separators, QR (native or raster), the town's logo
// dithered to the paper width, and the cut. Output: the ESC/POS bytes of the whole job.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/common/bytes.hpp"
#include "drivers/document/receipt_document.hpp"
#include "drivers/escpos/printer_profile.hpp"
#include "drivers/escpos/raster.hpp"

namespace guichet::escpos {

// Dithered logos by (path, width): the town's logo is the same on every receipt.
class LogoCache {
public:
    // nullptr if the file cannot be read (the receipt prints without it).
    std::shared_ptr<const BitImage> get(const std::string& path, int widthDots);
private:
    std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::shared_ptr<const BitImage>> cache_;
};

struct LayoutOptions {
    std::optional<CodePage> forcedCodePage;  // one page only (operator's --codepage)
    LogoCache* logos = nullptr;              // optional; without it logos are decoded each time
    std::string assetDir;                    // relative logo paths resolve here
};

// The encoder a profile implies (its pages, or just the forced one).
TextEncoder makeEncoder(const PrinterProfile& profile, std::optional<CodePage> forced);

Bytes layoutReceipt(const doc::ReceiptDocument& receipt, const PrinterProfile& profile, const LayoutOptions& options = {});

// `guichetctl escpos encode`: every input line is a paragraph, wrapped; then a cut.
Bytes layoutPlainText(std::string_view utf8, const PrinterProfile& profile, const LayoutOptions& options = {});

// Word wrap on cells: [begin, end) ranges, no trailing spaces; over-long words are split.
std::vector<std::pair<std::size_t, std::size_t>> wrapCells(const std::vector<Cell>& cells, int columns);

}  // namespace guichet::escpos
