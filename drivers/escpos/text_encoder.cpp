#include "drivers/escpos/text_encoder.hpp"

#include "drivers/escpos/unicode_text.hpp"

namespace guichet::escpos {

TextEncoder::TextEncoder(std::vector<CodePageSlot> pages) : pages_(std::move(pages)) {
    if (pages_.size() > 8) pages_.resize(8);  // Cell::pages is an 8-bit mask
}

std::vector<Cell> TextEncoder::cells(std::string_view utf8) const {
    std::vector<Cell> out;
    out.reserve(utf8.size());
    // Fast path: plain ASCII needs neither decoding nor page choice.
    bool ascii = true;
    for (char ch : utf8) {
        auto u = static_cast<unsigned char>(ch);
        if (u >= 0x80 || (u < 0x20 && u != '\n') || u == 0x7F) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        for (char ch : utf8) out.push_back(Cell{static_cast<char32_t>(ch), 0});
        return out;
    }
    for (char32_t c : sanitizeForPrint(decodeUtf8(utf8))) {
        if (c < 0x80) {
            out.push_back(Cell{c, 0});
            continue;
        }
        std::uint8_t mask = 0;
        for (std::size_t i = 0; i < pages_.size(); ++i)
            if (encodeChar(pages_[i].page, c)) mask |= static_cast<std::uint8_t>(1u << i);
        if (mask) {
            out.push_back(Cell{c, mask});
        } else {
            for (char f : asciiFallback(c)) out.push_back(Cell{static_cast<char32_t>(f), 0});
        }
    }
    return out;
}

int TextEncoder::choosePage(const Cell* at, const Cell* end) const {
    // Among the pages that have this character, take the one that also covers the most of
    // what follows: fewer ESC t switches. Ties go to the profile's preference order.
    int best = -1, bestRun = -1;
    for (std::size_t i = 0; i < pages_.size(); ++i) {
        const std::uint8_t bit = static_cast<std::uint8_t>(1u << i);
        if (!(at->pages & bit)) continue;
        int run = 0;
        for (const Cell* c = at; c < end && run < 256; ++c) {
            if (c->pages == 0) continue;
            if (!(c->pages & bit)) break;
            ++run;
        }
        if (run > bestRun) {
            best = static_cast<int>(i);
            bestRun = run;
        }
    }
    return best;
}

void TextEncoder::emit(const Cell* begin, const Cell* end, Bytes& out) {
    for (const Cell* c = begin; c < end; ++c) {
        if (c->pages == 0) {
            out.push_back(static_cast<std::uint8_t>(c->ch));
            continue;
        }
        if (current_ < 0 || !(c->pages & (1u << current_))) {
            current_ = choosePage(c, end);
            out.insert(out.end(), {0x1B, 0x74, pages_[static_cast<std::size_t>(current_)].number});
        }
        out.push_back(*encodeChar(pages_[static_cast<std::size_t>(current_)].page, c->ch));
    }
}

void TextEncoder::encode(std::string_view utf8, Bytes& out) {
    auto c = cells(utf8);
    emit(c, out);
}

}  // namespace guichet::escpos
