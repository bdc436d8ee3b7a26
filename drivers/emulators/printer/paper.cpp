#include "drivers/emulators/printer/paper.hpp"

#include <algorithm>

#include "drivers/escpos/unicode_text.hpp"

namespace guichet::emu {

std::string PaperLine::utf8() const {
    constexpr int kCell = 12;  // font A
    std::string s;
    int end = 0;
    for (const auto& r : runs) {
        // Rounded to the nearest cell, but a few dots (an ESC * image before the text) are no space.
        for (int n = (r.x - end + 4) / kCell; n > 0; --n) s += ' ';
        for (char32_t c : r.text) escpos::appendUtf8(s, c);
        end = r.x + static_cast<int>(r.text.size()) * kCell * r.scaleW;
    }
    return s;
}

bool PaperLine::bold() const {
    return std::any_of(runs.begin(), runs.end(), [](const TextRun& r) { return r.bold && !r.text.empty(); });
}

int PaperLine::scale() const {
    int s = 1;
    for (const auto& r : runs) s = std::max(s, r.scaleW);
    return s;
}

std::vector<std::string> Paper::textLines() const {
    std::vector<std::string> out;
    out.reserve(lines.size());
    for (const auto& l : lines) out.push_back(l.utf8());
    return out;
}

}  // namespace guichet::emu
