#include "drivers/escpos/printer_driver.hpp"

#include <algorithm>

#include "drivers/common/log.hpp"
#include "drivers/escpos/command_scanner.hpp"
#include "drivers/escpos/commands.hpp"

namespace guichet::escpos {

const char* printFailureName(PrintFailure f) {
    switch (f) {
        case PrintFailure::None: return "none";
        case PrintFailure::Disconnected: return "disconnected";
        case PrintFailure::PaperOut: return "paper-out";
        case PrintFailure::CoverOpen: return "cover-open";
        case PrintFailure::PrinterError: return "printer-error";
        case PrintFailure::Timeout: return "timeout";
        case PrintFailure::Io: return "io";
    }
    return "?";
}

PrinterDriver::PrinterDriver(usb::Transport& transport, PrinterProfile profile, DriverTimeouts timeouts)
    : transport_(transport), profile_(std::move(profile)), timeouts_(timeouts) {}

Result<std::optional<std::uint8_t>> PrinterDriver::ask(int n) {
    Bytes q;
    cmd::statusQuery(q, static_cast<cmd::StatusQuery>(n));
    auto w = transport_.bulkWrite(q, timeouts_.statusAnswer * 3);
    if (!w) {
        if (w.error().code == ErrorCode::Disconnected) return w.error();
        return std::optional<std::uint8_t>{};
    }
    std::uint8_t buf[64];
    auto r = transport_.bulkRead(buf, timeouts_.statusAnswer);
    if (!r) {
        if (r.error().code == ErrorCode::Disconnected) return r.error();
        return std::optional<std::uint8_t>{};  // no answer: cheap printers never do
    }
    // The last valid status byte of the transfer is the answer (older bytes are stale).
    for (std::size_t i = *r; i-- > 0;)
        if (isRealtimeStatusByte(buf[i])) return std::optional<std::uint8_t>{buf[i]};
    return std::optional<std::uint8_t>{};
}

Result<PrinterStatus> PrinterDriver::queryStatus() {
    PrinterStatus s;
    if (!profile_.realtimeStatus || !transport_.isOpen()) {
        if (!transport_.isOpen()) return makeError(ErrorCode::Disconnected, "printer transport closed");
        return s;
    }
    for (int n : {1, 2, 4}) {
        auto a = ask(n);
        if (!a) return a.error();
        if (!a->has_value()) {
            if (n == 1) return s;  // silent printer: do not wait three times
            continue;
        }
        applyStatusByte(s, n, **a);
    }
    if (s.error) {
        if (auto a = ask(3); a && a->has_value()) applyStatusByte(s, 3, **a);
    }
    return s;
}

PrintOutcome PrinterDriver::fail(PrintOutcome o, PrintFailure f, std::string detail) {
    state_ = State::Failed;
    o.failure = f;
    o.detail = std::move(detail);
    log::warning("escpos", std::string("print failed (") + printFailureName(f) + "): " + o.detail);
    return o;
}

namespace {

PrintFailure failureFromStatus(const PrinterStatus& s) {
    if (s.coverOpen) return PrintFailure::CoverOpen;
    if (s.paperOut || s.paperStop) return PrintFailure::PaperOut;
    if (s.error || s.offline) return PrintFailure::PrinterError;
    return PrintFailure::None;
}

}  // namespace

PrintOutcome PrinterDriver::print(std::span<const std::uint8_t> job, std::size_t resyncPadding) {
    PrintOutcome o;
    state_ = State::CheckingBefore;
    auto before = queryStatus();
    if (!before) return fail(o, PrintFailure::Disconnected, before.error().message);
    o.before = *before;
    if (o.before.known && !o.before.canPrint()) return fail(o, failureFromStatus(o.before), "before printing: " + o.before.describe());

    state_ = State::Sending;
    if (resyncPadding > 0) {
        // Finish the command an interrupted attempt left open; NUL prints nothing.
        const Bytes zeros(resyncPadding, 0);
        auto budget = std::max(timeouts_.minChunk, usb::Timeout(static_cast<long long>(zeros.size() / timeouts_.bytesPerMs)));
        auto w = transport_.bulkWrite(zeros, budget);
        if (!w) {
            o.resyncBytes = resyncPadding;  // extra NULs are harmless: send them all again
            return fail(o, w.error().code == ErrorCode::Disconnected ? PrintFailure::Disconnected : PrintFailure::Io,
                        "resynchronising the printer: " + w.error().message);
        }
    }
    while (o.bytesSent < job.size()) {
        const std::size_t n = std::min(timeouts_.chunkBytes, job.size() - o.bytesSent);
        auto budget = std::max(timeouts_.minChunk, usb::Timeout(static_cast<long long>(n / timeouts_.bytesPerMs)));
        auto w = transport_.bulkWrite(job.subspan(o.bytesSent, n), budget);
        if (!w) {
            // Somewhere in this chunk the printer stopped receiving: it may be mid-command.
            o.resyncBytes = escpos::resyncPadding(job, o.bytesSent, o.bytesSent + n);
            if (w.error().code == ErrorCode::Disconnected) return fail(o, PrintFailure::Disconnected, w.error().message);
            // A printer that stops taking data usually ran out of paper or was opened: ask why.
            auto why = queryStatus();
            if (why) {
                o.after = *why;
                if (auto f = failureFromStatus(*why); f != PrintFailure::None)
                    return fail(o, f, "after " + std::to_string(o.bytesSent) + " bytes: " + why->describe());
            }
            return fail(o, w.error().code == ErrorCode::Timeout ? PrintFailure::Timeout : PrintFailure::Io, w.error().message);
        }
        o.bytesSent += *w;
    }

    state_ = State::CheckingAfter;
    auto after = queryStatus();
    if (!after) return fail(o, PrintFailure::Disconnected, "after printing: " + after.error().message);
    o.after = *after;
    if (auto f = failureFromStatus(o.after); f == PrintFailure::PaperOut || f == PrintFailure::CoverOpen) {
        // The job reached the printer but could not have printed whole.
        return fail(o, f, "after printing: " + o.after.describe());
    }
    state_ = State::Done;
    return o;
}

}  // namespace guichet::escpos
