#include "drivers/document/receipt_document.hpp"

#include "drivers/common/bytes.hpp"

namespace guichet::doc {

std::vector<std::string> ReceiptDocument::spokenLines() const {
    std::vector<std::string> out;
    for (const auto& e : elements) {
        if (auto* t = std::get_if<Text>(&e)) out.push_back(t->text);
        else if (auto* r = std::get_if<Row>(&e)) out.push_back(r->label + " : " + r->value);
        else if (auto* q = std::get_if<Qr>(&e)) { if (!q->caption.empty()) out.push_back(q->caption); }
    }
    return out;
}

void ReceiptDocument::wipe() {
    for (auto& e : elements) {
        if (auto* t = std::get_if<Text>(&e)) secureWipe(t->text);
        else if (auto* r = std::get_if<Row>(&e)) { secureWipe(r->label); secureWipe(r->value); }
        else if (auto* q = std::get_if<Qr>(&e)) { secureWipe(q->data); secureWipe(q->caption); }
    }
    elements.clear();
}

}  // namespace guichet::doc
