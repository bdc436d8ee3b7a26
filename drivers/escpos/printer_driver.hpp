// A receipt printer over any Transport, as an explicit state machine: status before, the job
// in chunks (a timeout on every transfer), status after. It reports *why* a job failed
// (unplugged, paper out, cover open…) so the caller can retry once the printer is back.
#pragma once

#include <chrono>
#include <span>

#include "drivers/common/result.hpp"
#include "drivers/escpos/printer_profile.hpp"
#include "drivers/escpos/printer_status.hpp"
#include "drivers/usb/transport.hpp"

namespace guichet::escpos {

struct DriverTimeouts {
    usb::Timeout statusAnswer{300};   // per DLE EOT answer; no answer = status unknown
    usb::Timeout minChunk{2000};      // per bulk write, at least
    std::size_t chunkBytes = 4096;
    double bytesPerMs = 50.0;         // slower than a real printer (~115 KB/s): no false timeouts
};

enum class PrintFailure { None, Disconnected, PaperOut, CoverOpen, PrinterError, Timeout, Io };
const char* printFailureName(PrintFailure f);

struct PrintOutcome {
    PrintFailure failure = PrintFailure::None;
    std::string detail;          // for the operator log
    PrinterStatus before, after;
    std::size_t bytesSent = 0;
    // Cut off mid-job: NUL bytes to send before a retry so the printer leaves the command it
    // may be stuck in (see command_scanner.hpp). Pass it back to print().
    std::size_t resyncBytes = 0;
    bool ok() const { return failure == PrintFailure::None; }
    // Worth retrying the same job when the printer is back (vs. a job that cannot print).
    bool retryable() const { return failure != PrintFailure::None; }
};

class PrinterDriver {
public:
    enum class State { Idle, CheckingBefore, Sending, CheckingAfter, Done, Failed };

    PrinterDriver(usb::Transport& transport, PrinterProfile profile, DriverTimeouts timeouts = {});

    // DLE EOT 1, 2, 4 (and 3 on error). Disconnected if the transport is gone; a printer
    // that does not answer gives `known == false`, never a hang.
    Result<PrinterStatus> queryStatus();
    // `resyncPadding`: from a previous attempt's PrintOutcome::resyncBytes.
    PrintOutcome print(std::span<const std::uint8_t> job, std::size_t resyncPadding = 0);
    State state() const { return state_; }

private:
    Result<std::optional<std::uint8_t>> ask(int n);
    PrintOutcome fail(PrintOutcome o, PrintFailure f, std::string detail);

    usb::Transport& transport_;
    PrinterProfile profile_;
    DriverTimeouts timeouts_;
    State state_ = State::Idle;
};

}  // namespace guichet::escpos
