// Reads barcodes back from the emulator's rendered bars, independently of the encoders in
// drivers/emulators/printer: the EAN tables here are the specification's width form (space,
// bar, space, bar in modules), not the encoder's bit strings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "drivers/emulators/printer/paper.hpp"

namespace guichet::test {

// Bar and space widths in dots along one row of an image (bar first; edges trimmed).
inline std::vector<int> scanRow(const escpos::BitImage& img, int y) {
    std::vector<int> w;
    bool inBar = false;
    int run = 0;
    bool started = false;
    for (int x = 0; x < img.width; ++x) {
        const bool dot = img.dot(x, y);
        if (!started) {
            if (!dot) continue;
            started = true;
            inBar = true;
        }
        if (dot == inBar) {
            ++run;
        } else {
            w.push_back(run);
            inBar = dot;
            run = 1;
        }
    }
    if (started && inBar) w.push_back(run);
    return w;
}

// EAN-13 from bar/space widths in dots (module = the narrowest element). nullopt if the
// widths are not a valid EAN-13 (guards, digit patterns, first-digit parity, check digit).
inline std::optional<std::string> readEan13(const std::vector<int>& dots) {
    if (dots.size() != 59) return std::nullopt;  // 3 + 6*4 + 5 + 6*4 + 3
    int module = dots[0];
    for (int d : dots) module = std::min(module, d);
    std::vector<int> m;
    for (int d : dots) {
        if (d % module) return std::nullopt;
        m.push_back(d / module);
    }
    // Digit d in set A: space, bar, space, bar widths; set C (right half) has the same widths
    // starting with a bar; set B is set A's widths reversed.
    static const char* kWidths[10] = {"3211", "2221", "2122", "1411", "1132", "1231", "1114", "1312", "1213", "3112"};
    auto digitOf = [&](std::size_t at, bool& setB) -> int {
        std::string s;
        for (int i = 0; i < 4; ++i) s += static_cast<char>('0' + m[at + i]);
        for (int d = 0; d < 10; ++d) {
            const std::string w = kWidths[d];
            if (s == w) { setB = false; return d; }
            if (s == std::string(w.rbegin(), w.rend())) { setB = true; return d; }
        }
        return -1;
    };
    if (m[0] != 1 || m[1] != 1 || m[2] != 1) return std::nullopt;
    std::string digits, parity;
    for (int i = 0; i < 6; ++i) {
        bool b = false;
        const int d = digitOf(3 + i * 4, b);
        if (d < 0) return std::nullopt;
        digits += static_cast<char>('0' + d);
        parity += b ? 'B' : 'A';
    }
    for (int i = 0; i < 5; ++i)
        if (m[27 + i] != 1) return std::nullopt;
    for (int i = 0; i < 6; ++i) {
        bool b = false;
        const int d = digitOf(32 + i * 4, b);
        if (d < 0 || b) return std::nullopt;
        digits += static_cast<char>('0' + d);
    }
    static const char* kFirst[10] = {"AAAAAA", "AABABB", "AABBAB", "AABBBA", "ABAABB", "ABBAAB", "ABBBAA", "ABABAB", "ABABBA", "ABBABA"};
    int first = -1;
    for (int d = 0; d < 10; ++d)
        if (parity == kFirst[d]) first = d;
    if (first < 0) return std::nullopt;
    const std::string all = static_cast<char>('0' + first) + digits;
    int sum = 0;
    for (int i = 0; i < 12; ++i) sum += (all[i] - '0') * (i % 2 ? 3 : 1);
    if ((10 - sum % 10) % 10 != all[12] - '0') return std::nullopt;
    return all;
}

}  // namespace guichet::test
