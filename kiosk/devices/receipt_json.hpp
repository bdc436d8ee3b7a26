// A receipt described in JSON ({title, subtitle, lines: [[label, value]…], qr, footer: […],
// logo}), the shape of shared/bench/receipt.json: used by the benchmark, `guichetctl
// print-test` and tests, so they all print the same reference receipt.
#pragma once

#include <string>

#include "drivers/common/result.hpp"
#include "drivers/document/receipt_document.hpp"

namespace guichet {

// Relative logo paths are resolved against `baseDir`.
Result<doc::ReceiptDocument> receiptFromJson(const std::string& json, const std::string& baseDir);
Result<doc::ReceiptDocument> receiptFromJsonFile(const std::string& path);

}  // namespace guichet
