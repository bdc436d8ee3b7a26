// Printer profiles read from config/printers/*.toml (`inherits` resolved), so that drivers/
// stays free of configuration formats: it only sees escpos::PrinterProfile values.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "drivers/common/result.hpp"
#include "drivers/escpos/printer_profile.hpp"

namespace guichet {

class PrinterProfiles {
public:
    // Every *.toml in `dir`. Errors read "file:line: what is wrong" (operator-facing).
    static Result<PrinterProfiles> loadDirectory(const std::string& dir);
    // The folder shipped with the sources / installed next to the binary.
    static std::string defaultDirectory();

    const escpos::PrinterProfile* find(const std::string& name) const;
    const escpos::PrinterProfile* forUsb(std::uint16_t vid, std::uint16_t pid) const;
    const std::map<std::string, escpos::PrinterProfile>& all() const { return profiles_; }

private:
    std::map<std::string, escpos::PrinterProfile> profiles_;
};

}  // namespace guichet
