#include "kiosk/validation/utf8.hpp"

#include <cctype>

namespace guichet::validation {

bool decodeUtf8(std::string_view s, std::vector<char32_t>& out) {
    out.clear();
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 2) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static const char32_t minForLen[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < minForLen[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        out.push_back(cp);
        i += len;
    }
    return true;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
    else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string foldForMatch(std::string_view s) {
    std::vector<char32_t> cps;
    if (!decodeUtf8(s, cps)) return std::string(s);
    std::string out;
    for (char32_t c : cps) {
        if (c < 0x80) {
            char a = static_cast<char>(std::tolower(static_cast<int>(c)));
            out.push_back(a == '-' || a == '\'' ? ' ' : a);  // "Saint-Denis" == "saint denis"
            continue;
        }
        if (c == 0x2019) { out.push_back(' '); continue; }
        const char* f = nullptr;
        if ((c >= 0xC0 && c <= 0xC5) || (c >= 0xE0 && c <= 0xE5)) f = "a";
        else if (c == 0xC7 || c == 0xE7) f = "c";
        else if ((c >= 0xC8 && c <= 0xCB) || (c >= 0xE8 && c <= 0xEB)) f = "e";
        else if ((c >= 0xCC && c <= 0xCF) || (c >= 0xEC && c <= 0xEF)) f = "i";
        else if (c == 0xD1 || c == 0xF1) f = "n";
        else if ((c >= 0xD2 && c <= 0xD6) || (c >= 0xF2 && c <= 0xF6)) f = "o";
        else if ((c >= 0xD9 && c <= 0xDC) || (c >= 0xF9 && c <= 0xFC)) f = "u";
        else if (c == 0xDD || c == 0xFD || c == 0xFF || c == 0x178) f = "y";
        else if (c == 0x152 || c == 0x153) f = "oe";
        else if (c == 0xC6 || c == 0xE6) f = "ae";
        if (f) out += f;
        else appendUtf8(out, c);
    }
    // Collapse runs of spaces so "Saint - Denis" matches too.
    std::string collapsed;
    for (char c : out)
        if (!(c == ' ' && (collapsed.empty() || collapsed.back() == ' '))) collapsed.push_back(c);
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    return collapsed;
}

}  // namespace guichet::validation
