// EAN-13, EAN-8, UPC-A and UPC-E (ISO/IEC 15420). UPC-A is EAN-13 with a leading 0; UPC-E is
// a UPC-A with zeros suppressed, its check digit carried by the parity of its six digits.
// Like the printer, the check digit is computed when the host leaves it out and verified when
// it sends one: a wrong check digit is an invalid symbol, not printed.
#include <string>

#include "drivers/emulators/printer/barcode.hpp"

namespace guichet::emu {
namespace {

// Left-hand odd parity (set A / "L"); set C ("R") is its complement, set B ("G") the
// reverse of R.
constexpr const char* kL[10] = {"0001101", "0011001", "0010011", "0111101", "0100011",
                                "0110001", "0101111", "0111011", "0110111", "0001011"};

std::string rCode(int d) {
    std::string s = kL[d];
    for (char& c : s) c = c == '0' ? '1' : '0';
    return s;
}
std::string gCode(int d) {
    const std::string r = rCode(d);
    return std::string(r.rbegin(), r.rend());
}

// EAN-13: the leading digit is carried by the parity (L/G) of the next six.
constexpr const char* kEan13Parity[10] = {"LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
                                          "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"};
// UPC-E number system 0: the check digit is carried by the parity of the six digits (E =
// even = G); number system 1 uses the opposite parities.
constexpr const char* kUpcEParity[10] = {"GGGLLL", "GGLGLL", "GGLLGL", "GGLLLG", "GLGGLL",
                                         "GLLGGL", "GLLLGG", "GLGLGL", "GLGLLG", "GLLGLG"};

int checkDigit(const std::string& digits) {  // weights 3,1,3… from the right
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const int d = digits[digits.size() - 1 - i] - '0';
        sum += d * (i % 2 == 0 ? 3 : 1);
    }
    return (10 - sum % 10) % 10;
}

std::vector<std::uint8_t> runs(const std::string& modules) {
    std::vector<std::uint8_t> out;
    char cur = '1';
    int run = 0;
    for (char m : modules) {
        if (m == cur) {
            ++run;
        } else {
            out.push_back(static_cast<std::uint8_t>(run));
            cur = m;
            run = 1;
        }
    }
    out.push_back(static_cast<std::uint8_t>(run));
    return out;
}

// UPC-E six digits → the UPC-A body (number system and check digit excluded: 10 digits).
std::string expandUpcE(const std::string& d) {
    const char last = d[5];
    if (last <= '2') return d.substr(0, 2) + last + "0000" + d.substr(2, 3);
    if (last == '3') return d.substr(0, 3) + "00000" + d.substr(3, 2);
    if (last == '4') return d.substr(0, 4) + "00000" + d.substr(4, 1);
    return d.substr(0, 5) + "0000" + last;
}

// A UPC-A body (10 digits) that zero suppression can shorten, as UPC-E's six; empty if none.
std::string compressUpcA(const std::string& b) {
    const std::string m = b.substr(0, 5), p = b.substr(5, 5);
    if (m[2] <= '2' && m.substr(3) == "00" && p.substr(0, 2) == "00") return m.substr(0, 2) + p.substr(2, 3) + m[2];
    if (m.substr(3) == "00" && p.substr(0, 3) == "000") return m.substr(0, 3) + p.substr(3, 2) + "3";
    if (m[4] == '0' && p.substr(0, 4) == "0000") return m.substr(0, 4) + p[4] + "4";
    if (p.substr(0, 4) == "0000" && p[4] >= '5') return m + p[4];
    return {};
}

std::string ean13Modules(const std::string& d) {  // 13 digits
    std::string s = "101";
    for (int i = 1; i <= 6; ++i) s += kEan13Parity[d[0] - '0'][i - 1] == 'L' ? kL[d[i] - '0'] : gCode(d[i] - '0');
    s += "01010";
    for (int i = 7; i <= 12; ++i) s += rCode(d[i] - '0');
    return s + "101";
}

std::string ean8Modules(const std::string& d) {  // 8 digits
    std::string s = "101";
    for (int i = 0; i < 4; ++i) s += kL[d[i] - '0'];
    s += "01010";
    for (int i = 4; i < 8; ++i) s += rCode(d[i] - '0');
    return s + "101";
}

// Completes `body` (without check digit) or verifies its last digit; false on a mismatch.
bool withCheck(std::string& digits, std::size_t bodyLength) {
    if (digits.size() == bodyLength) {
        digits += static_cast<char>('0' + checkDigit(digits));
        return true;
    }
    return digits.back() - '0' == checkDigit(digits.substr(0, bodyLength));
}

}  // namespace

BarcodeOutcome encodeEanUpc(Symbology s, std::span<const std::uint8_t> data) {
    std::string d(data.begin(), data.end());
    for (char c : d)
        if (c < '0' || c > '9') return barcodeError("only digits allowed");
    BarPattern p;
    switch (s) {
        case Symbology::Ean13:
        case Symbology::UpcA: {
            const std::size_t body = s == Symbology::Ean13 ? 12 : 11;
            if (d.size() != body && d.size() != body + 1) return barcodeError(std::to_string(body) + " or " + std::to_string(body + 1) + " digits expected");
            if (!withCheck(d, body)) return barcodeError("wrong check digit");
            p.hri = d;
            p.widths = runs(ean13Modules(s == Symbology::UpcA ? "0" + d : d));
            return BarcodeOutcome{p, {}};
        }
        case Symbology::Ean8:
            if (d.size() != 7 && d.size() != 8) return barcodeError("7 or 8 digits expected");
            if (!withCheck(d, 7)) return barcodeError("wrong check digit");
            p.hri = d;
            p.widths = runs(ean8Modules(d));
            return BarcodeOutcome{p, {}};
        case Symbology::UpcE: {
            // 6 digits (number system 0 implied), 7 (with number system), 8 (and check digit),
            // or a UPC-A of 11/12 digits that zero suppression can shorten.
            std::string ns = "0", six, check;
            if (d.size() == 6) {
                six = d;
            } else if (d.size() == 7 || d.size() == 8) {
                ns = d.substr(0, 1), six = d.substr(1, 6);
                if (d.size() == 8) check = d.substr(7);
            } else if (d.size() == 11 || d.size() == 12) {
                ns = d.substr(0, 1);
                six = compressUpcA(d.substr(1, 10));
                if (six.empty()) return barcodeError("this UPC-A cannot be zero-suppressed to UPC-E");
                if (d.size() == 12) check = d.substr(11);
            } else {
                return barcodeError("6, 7, 8, 11 or 12 digits expected");
            }
            if (ns != "0" && ns != "1") return barcodeError("number system must be 0 or 1");
            const int c = checkDigit(ns + expandUpcE(six));
            if (!check.empty() && check[0] - '0' != c) return barcodeError("wrong check digit");
            std::string m = "101";
            for (int i = 0; i < 6; ++i) {
                char parity = kUpcEParity[c][i];
                if (ns == "1") parity = parity == 'G' ? 'L' : 'G';
                m += parity == 'L' ? kL[six[i] - '0'] : gCode(six[i] - '0');
            }
            m += "010101";
            p.hri = ns + six + static_cast<char>('0' + c);
            p.widths = runs(m);
            return BarcodeOutcome{p, {}};
        }
        default: return barcodeError("not an EAN/UPC symbology");
    }
}

}  // namespace guichet::emu
