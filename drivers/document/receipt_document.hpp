// A receipt described as a document, independent of how it is shown: the wizard builds it,
// the ESC/POS layout prints it, the UI draws it and speech reads it (A7: what is printed is
// also shown and can be spoken). Texts are UTF-8 and may hold personal data.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace guichet::doc {

enum class Align { Left, Center, Right };

struct Text {             // a paragraph, word-wrapped to the paper width
    std::string text;
    Align align = Align::Left;
    bool bold = false;
    bool large = false;   // double width and height on paper, heading on screen
    bool underline = false;
};
struct Row {              // "Label ........ value" with dot leaders
    std::string label;
    std::string value;
    bool bold = false;
};
struct Separator {};      // a full-width rule
struct Qr {               // a QR code; caption is what it says in words (spoken, shown)
    std::string data;
    std::string caption;
};
struct Logo {             // the town's logo (PNG path), scaled to the paper width
    std::string path;
};
struct Feed {
    int lines = 1;
};

using Element = std::variant<Text, Row, Separator, Qr, Logo, Feed>;

struct ReceiptDocument {
    std::vector<Element> elements;
    bool cut = true;

    ReceiptDocument& title(std::string t) { elements.push_back(Text{std::move(t), Align::Center, true, true}); return *this; }
    ReceiptDocument& line(std::string t) { elements.push_back(Text{std::move(t)}); return *this; }
    ReceiptDocument& row(std::string l, std::string v) { elements.push_back(Row{std::move(l), std::move(v)}); return *this; }
    ReceiptDocument& separator() { elements.push_back(Separator{}); return *this; }
    ReceiptDocument& qr(std::string data, std::string caption) { elements.push_back(Qr{std::move(data), std::move(caption)}); return *this; }
    ReceiptDocument& logo(std::string path) { elements.push_back(Logo{std::move(path)}); return *this; }
    ReceiptDocument& footer(std::string t) { elements.push_back(Text{std::move(t), Align::Center}); return *this; }

    // Every text on the receipt, in order, one entry per element, for screen and speech.
    std::vector<std::string> spokenLines() const;

    // Overwrites all texts (they may carry personal data) and empties the document.
    void wipe();
};

}  // namespace guichet::doc
