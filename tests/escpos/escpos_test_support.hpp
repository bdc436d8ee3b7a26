// Helpers shared by the escpos tests: the shipped profiles, and a minimal independent decoder
// of text bytes (ESC t n tracking only) to check what a printer would show.
#pragma once

#include <catch2/catch.hpp>

#include "drivers/escpos/printer_profile.hpp"
#include "drivers/escpos/unicode_text.hpp"
#include "kiosk/devices/printer_profiles.hpp"

namespace guichet::test {

inline const PrinterProfiles& shippedProfiles() {
    static const PrinterProfiles p = [] {
        auto r = PrinterProfiles::loadDirectory(std::string(GUICHET_SOURCE_DIR) + "/config/printers");
        REQUIRE(r.ok());
        return std::move(*r);
    }();
    return p;
}

inline const escpos::PrinterProfile& profile(const std::string& name) {
    const auto* p = shippedProfiles().find(name);
    REQUIRE(p != nullptr);
    return *p;
}

// Text bytes → UTF-8, following ESC t n with the profile's numbering. Other bytes ≥ 0x20
// are characters; every other ESC/GS sequence makes the decoder fail the test.
inline std::string decodeText(const Bytes& b, const escpos::PrinterProfile& p) {
    std::string out;
    escpos::CodePage page = escpos::CodePage::Cp437;
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (b[i] == 0x1B && i + 2 < b.size() && b[i + 1] == 0x74) {
            bool found = false;
            for (auto& s : p.codePages)
                if (s.number == b[i + 2]) page = s.page, found = true;
            REQUIRE(found);
            i += 2;
            continue;
        }
        REQUIRE(b[i] >= 0x20);
        REQUIRE(b[i] != 0x7F);
        escpos::appendUtf8(out, escpos::decodeByte(page, b[i]));
    }
    return out;
}

inline std::size_t countCodePageSwitches(const Bytes& b) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 1 < b.size(); ++i)
        if (b[i] == 0x1B && b[i + 1] == 0x74) ++n;
    return n;
}

}  // namespace guichet::test
