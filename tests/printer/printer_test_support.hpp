// Shared by the printer tests: shipped profiles and the reference receipt (bench/escpos).
#pragma once

#include <catch2/catch.hpp>

#include "kiosk/devices/printer_profiles.hpp"
#include "kiosk/devices/receipt_json.hpp"

namespace guichet::test {

inline std::string profilesDir() { return std::string(GUICHET_SOURCE_DIR) + "/config/printers"; }

inline const escpos::PrinterProfile& printerProfile(const std::string& name) {
    static const PrinterProfiles all = [] {
        auto r = PrinterProfiles::loadDirectory(profilesDir());
        REQUIRE(r.ok());
        return std::move(*r);
    }();
    const auto* p = all.find(name);
    REQUIRE(p != nullptr);
    return *p;
}

inline doc::ReceiptDocument referenceReceipt() {
    auto r = receiptFromJsonFile(std::string(GUICHET_SOURCE_DIR) + "/bench/escpos/receipt.json");
    REQUIRE(r.ok());
    return std::move(*r);
}

}  // namespace guichet::test
