// Demo terminals keep what the emulated printer cut: receipt-<time>-<n>.png (the paper as
// printed) and .txt (its text lines and QR contents), so that a reviewer or a test can read
// the receipt without paper. The last one is also kept in memory for scenario steps.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/emulators/printer/paper.hpp"

namespace guichet::ui::integration {

class ReceiptFiles {
public:
    explicit ReceiptFiles(std::string dir);
    // Called on the printer's thread after each cut.
    void write(const emu::Paper& paper);
    std::optional<std::vector<std::string>> last() const;

private:
    struct State;
    std::string dir_;
    std::shared_ptr<State> state_;
};

std::vector<std::string> receiptText(const emu::Paper& paper);

}  // namespace guichet::ui::integration
