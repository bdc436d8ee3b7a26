// A software ESC/POS receipt printer: takes any byte stream (ours or other software's), lays
// the paper out as a real one would (code pages, sizes, bold, justification, raster, QR,
// cuts), answers DLE EOT, and can be told it is out of paper, near end, or has its cover open.
// Thread-safe: a device thread writes while a test or the UI reads.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "drivers/common/bytes.hpp"
#include "drivers/emulators/printer/escpos_parser.hpp"
#include "drivers/emulators/printer/keyed_graphics.hpp"
#include "drivers/emulators/printer/paper.hpp"
#include "drivers/escpos/printer_profile.hpp"

namespace guichet::emu {

class PrinterEmulator : public std::enable_shared_from_this<PrinterEmulator> {
public:
    explicit PrinterEmulator(escpos::PrinterProfile profile);
    ~PrinterEmulator();

    // Bytes from the host. While the paper is out or the cover open, only real-time
    // commands (DLE EOT/ENQ) are taken: false = the data was refused (the host times out).
    bool write(std::span<const std::uint8_t> data);
    // Whether write(data) would take it now (USB flow control asks before handing data over).
    bool wouldAccept(std::span<const std::uint8_t> data) const;
    // Pending status answers for the host (at most `max` bytes).
    Bytes takeAnswers(std::size_t max);
    // End of a file stream: drops a truncated tail.
    void finish();

    void setPaperNearEnd(bool v);
    void setPaperOut(bool v);
    void setCoverOpen(bool v);
    bool paperOut() const;
    // The roll ends once `bytes` more bytes have been taken (0 = never): mid-job paper out.
    void paperRunsOutAfter(std::size_t bytes);

    // Receipts ended by a cut, oldest first (kept until taken).
    std::vector<Paper> takeReceipts();
    std::size_t receiptCount() const;
    // The receipt in progress (not cut yet).
    Paper currentPaper() const;
    // Every receipt so far plus the one in progress, as one roll (for `escpos render`).
    Paper wholeRoll() const;
    // Called (on the writing thread) after each cut with the finished receipt.
    void setOnCut(std::function<void(const Paper&)> onCut);
    // Keep at most `n` finished receipts (oldest dropped): a demo terminal runs for days and
    // receipts carry personal data. 0 = keep all (tests).
    void setReceiptLimit(std::size_t n);

    std::size_t bytesReceived() const;
    std::size_t unknownCommands() const;
    // ESC t page numbers the emulator has no table for (their upper half printed as U+FFFD).
    std::vector<int> unknownCodePages() const;
    // What the printer would not print as sent: invalid barcodes (with the reason), barcodes
    // or graphics wider than the paper. For the render's summary.
    std::vector<std::string> renderProblems() const;
    const escpos::PrinterProfile& profile() const { return profile_; }

private:
    class Handler;
    escpos::PrinterProfile profile_;
    mutable std::mutex mutex_;
    std::unique_ptr<Handler> handler_;
    EscposParser parser_;
    bool nearEnd_ = false, paperOut_ = false, coverOpen_ = false;
    std::size_t bytesReceived_ = 0;
    std::size_t paperEndsAt_ = 0;
    std::function<void(const Paper&)> onCut_;
    std::vector<Paper> receipts_;  // cut, not yet taken
    std::size_t receiptLimit_ = 0;
    std::vector<int> unknownPages_;
    std::vector<std::string> problems_;
    KeyedGraphics nvGraphics_;  // NV graphics: kept for the emulator's life, like the printer's flash
    void problem(std::string what);
};

}  // namespace guichet::emu
