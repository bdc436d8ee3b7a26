// Turns UTF-8 into printer bytes for one profile: each character goes to a code page of the
// profile that has it, ESC t is sent only when the current page lacks the next character,
// and characters no page has get a readable ASCII fallback. One encoder per print job: it
// remembers the printer's current page between calls (reset() after ESC @).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "drivers/common/bytes.hpp"
#include "drivers/escpos/code_page.hpp"

namespace guichet::escpos {

struct CodePageSlot {
    CodePage page;
    std::uint8_t number;  // the n of ESC t n on this printer model
};

// One printable column: an ASCII byte (pages == 0) or a character some pages have (bit i =
// the profile's i-th page has it). Layout wraps on cells; emit() picks the bytes.
struct Cell {
    char32_t ch;
    std::uint8_t pages;
};

class TextEncoder {
public:
    explicit TextEncoder(std::vector<CodePageSlot> pages);

    // Sanitised, composed, fallbacks applied; '\n' stays a cell of its own.
    std::vector<Cell> cells(std::string_view utf8) const;
    // Appends the bytes for `cells`, with ESC t switches when needed.
    void emit(const Cell* begin, const Cell* end, Bytes& out);
    void emit(const std::vector<Cell>& c, Bytes& out) { emit(c.data(), c.data() + c.size(), out); }
    // cells() + emit() in one go.
    void encode(std::string_view utf8, Bytes& out);

    void reset() { current_ = -1; }  // after ESC @ the printer is back on its default page
    const std::vector<CodePageSlot>& pages() const { return pages_; }

private:
    int choosePage(const Cell* at, const Cell* end) const;
    std::vector<CodePageSlot> pages_;
    int current_ = -1;  // index in pages_, -1 = unknown
};

}  // namespace guichet::escpos
