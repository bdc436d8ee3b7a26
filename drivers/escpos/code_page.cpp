#include "drivers/escpos/code_page.hpp"

#include <array>
#include <cctype>
#include <string>

#include "drivers/escpos/code_page_tables.hpp"

namespace guichet::escpos {
namespace {

const char16_t* upperHalf(CodePage p) {
    switch (p) {
        case CodePage::Cp437: return tables::kCp437;
        case CodePage::Cp850: return tables::kCp850;
        case CodePage::Cp858: return tables::kCp858;
        case CodePage::Cp1252: return tables::kCp1252;
        case CodePage::Cp852: return tables::kCp852;
        case CodePage::Cp866: return tables::kCp866;
    }
    return tables::kCp437;
}

// Reverse tables, one 64 Ki entry array per page (0 = absent): a lookup is one load.
struct Reverse {
    std::array<std::array<std::uint8_t, 0x10000>, kCodePageCount> bytes{};
    Reverse() {
        for (int p = 0; p < kCodePageCount; ++p) {
            const char16_t* t = upperHalf(static_cast<CodePage>(p));
            for (int i = 0; i < 128; ++i)
                if (t[i] >= 0x80) bytes[p][t[i]] = static_cast<std::uint8_t>(0x80 + i);
        }
    }
};

const Reverse& reverse() {
    static const Reverse r;  // built once, thread-safe
    return r;
}

}  // namespace

const char* codePageName(CodePage p) {
    switch (p) {
        case CodePage::Cp437: return "cp437";
        case CodePage::Cp850: return "cp850";
        case CodePage::Cp858: return "cp858";
        case CodePage::Cp1252: return "cp1252";
        case CodePage::Cp852: return "cp852";
        case CodePage::Cp866: return "cp866";
    }
    return "?";
}

std::optional<CodePage> codePageFromName(std::string_view name) {
    std::string n;
    for (char c : name) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (n.rfind("wpc", 0) == 0) n = n.substr(3);
    if (n.rfind("cp", 0) == 0) n = n.substr(2);
    for (int p = 0; p < kCodePageCount; ++p) {
        if (n == codePageName(static_cast<CodePage>(p)) + 2) return static_cast<CodePage>(p);
    }
    return std::nullopt;
}

std::optional<std::uint8_t> encodeChar(CodePage page, char32_t c) {
    if (c >= 0x20 && c < 0x7F) return static_cast<std::uint8_t>(c);
    if (c < 0x80 || c > 0xFFFF) return std::nullopt;
    std::uint8_t b = reverse().bytes[static_cast<int>(page)][c];
    if (!b) return std::nullopt;
    return b;
}

char32_t decodeByte(CodePage page, std::uint8_t byte) {
    if (byte < 0x80) return byte;
    return upperHalf(page)[byte - 0x80];
}

}  // namespace guichet::escpos
