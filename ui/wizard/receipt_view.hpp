// Draws a receipt document on screen, element by element, as the printer prints it (A7):
// texts, label/value rows, rules and the QR code (drawn from libqrencode's modules), each
// declared to the accessibility tree so that speech reads the same lines.
#pragma once

#include "drivers/document/receipt_document.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui::wizard {

void drawReceipt(UiContext& ctx, const doc::ReceiptDocument& receipt);

}  // namespace guichet::ui::wizard
