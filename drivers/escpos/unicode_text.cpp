#include "drivers/escpos/unicode_text.hpp"

#include <algorithm>

#include "drivers/escpos/code_page_tables.hpp"

namespace guichet::escpos {

std::u32string decodeUtf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        unsigned char b = *p;
        if (b < 0x80) {
            out.push_back(b);
            ++p;
            continue;
        }
        int len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || end - p < len) {
            // One U+FFFD for the lead byte and the continuation bytes that follow it.
            out.push_back(0xFFFD);
            ++p;
            while (len > 1 && p < end && (*p & 0xC0) == 0x80) ++p, --len;
            continue;
        }
        char32_t c = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        bool ok = true;
        for (int i = 1; i < len; ++i) {
            if ((p[i] & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            c = (c << 6) | (p[i] & 0x3F);
        }
        // Reject overlong forms, surrogates and out-of-range values.
        static const char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (!ok || c < kMin[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
            out.push_back(0xFFFD);
            ++p;
            continue;
        }
        out.push_back(c);
        p += len;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

namespace {

bool isCombining(char32_t c) { return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x20D0 && c <= 0x20FF); }

bool isInvisible(char32_t c) {
    return c == 0xAD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
           c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB);
}

bool isSpaceLike(char32_t c) {
    return c == '\t' || c == 0xA0 || c == 0x202F || (c >= 0x2000 && c <= 0x200A) || c == 0x205F || c == 0x3000;
}

char32_t compose(char32_t base, char32_t mark) {
    if (base > 0xFFFF || mark > 0xFFFF) return 0;
    const auto* first = tables::kCompositions;
    const auto* last = first + tables::kCompositionCount;
    auto it = std::lower_bound(first, last, std::pair<char32_t, char32_t>{base, mark}, [](const tables::Composition& c, auto key) {
        return c.base != key.first ? c.base < key.first : c.mark < key.second;
    });
    if (it != last && it->base == base && it->mark == mark) return it->composed;
    return 0;
}

}  // namespace

std::u32string sanitizeForPrint(std::u32string_view in) {
    std::u32string out;
    out.reserve(in.size());
    for (char32_t c : in) {
        if (c == '\r') continue;
        if (c == '\n') {
            out.push_back(c);
            continue;
        }
        if (isSpaceLike(c)) c = ' ';
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || isInvisible(c)) continue;
        if (isCombining(c)) {
            if (!out.empty()) {
                if (char32_t composed = compose(out.back(), c)) out.back() = composed;
            }
            continue;  // an uncomposable mark is dropped: the base letter still reads right
        }
        out.push_back(c);
    }
    return out;
}

std::string_view asciiFallback(char32_t c) {
    switch (c) {
        case 0x0152: return "OE";
        case 0x0153: return "oe";
        case 0x20AC: return "EUR";
        case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: return "'";
        case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: return "\"";
        case 0x00AB: return "<<";
        case 0x00BB: return ">>";
        case 0x2039: return "<";
        case 0x203A: return ">";
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return "-";
        case 0x2026: return "...";
        case 0x2022: case 0x00B7: case 0x2219: return "*";
        case 0x2122: return "TM";
        case 0x00A9: return "(c)";
        case 0x00AE: return "(R)";
        case 0x00D7: return "x";
        case 0x00F7: return "/";
        case 0x2264: return "<=";
        case 0x2265: return ">=";
        case 0x2260: return "!=";
        case 0x2192: return "->";
        case 0x2190: return "<-";
        case 0x00B0: return "o";
        case 0x00C6: return "AE";
        case 0x00E6: return "ae";
        case 0x00DF: return "ss";
        case 0x0178: return "Y";
        case 0x00A3: return "GBP";
        case 0x00A0: return " ";
        case 0x0141: return "L";
        case 0x0142: return "l";
        case 0x0110: return "D";
        case 0x0111: return "d";
        case 0x0131: return "i";
        case 0x0126: return "H";
        case 0x0127: return "h";
        default: break;
    }
    if (c <= 0xFFFF) {
        const auto* first = tables::kBaseLetters;
        const auto* last = first + tables::kBaseLetterCount;
        auto it = std::lower_bound(first, last, c, [](const tables::BaseLetter& b, char32_t k) { return b.letter < k; });
        if (it != last && it->letter == c) return std::string_view(&it->ascii, 1);
    }
    if (c == 0xD8) return "O";  // no decomposition, but reads as O
    if (c == 0xF8) return "o";
    return "?";
}

}  // namespace guichet::escpos
