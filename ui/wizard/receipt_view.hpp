// Draws a receipt document on screen, element by element, as the printer prints it (A7):
// texts, label/value rows, rules and the QR code (drawn from libqrencode's modules), each
// declared to the accessibility tree so that speech reads the same lines.
#pragma once

#include "drivers/document/receipt_document.hpp"
#include "ui/core/ui_context.hpp"
#include "ui/core/paged_body.hpp"

namespace guichet::ui::wizard {

void drawReceipt(UiContext& ctx, const doc::ReceiptDocument& receipt);
// The receipt as blocks of a paginated page. `reference`, when given, is shown elsewhere
// (the confirmation's reference box): its row is left out, so it is shown once.
std::vector<Block> receiptBlocks(UiContext& ctx, const doc::ReceiptDocument& receipt, const std::string& reference = {});

}  // namespace guichet::ui::wizard
