// DLE EOT decoding, and the driver state machine over the emulator as a Transport.
#include <catch2/catch.hpp>

#include <thread>

#include "drivers/emulators/printer/emulator_transport.hpp"
#include "drivers/escpos/printer_driver.hpp"
#include "drivers/escpos/receipt_layout.hpp"
#include "tests/escpos/escpos_test_support.hpp"

using namespace guichet;
using namespace guichet::escpos;
using namespace std::chrono_literals;

TEST_CASE("escpos.status bytes decode", "[escpos]") {
    CHECK(isRealtimeStatusByte(0x12));
    CHECK_FALSE(isRealtimeStatusByte(0x00));
    CHECK_FALSE(isRealtimeStatusByte(0x93));
    PrinterStatus s;
    CHECK(applyStatusByte(s, 1, 0x12));
    CHECK(applyStatusByte(s, 2, 0x12));
    CHECK(applyStatusByte(s, 4, 0x12));
    CHECK(s.canPrint());
    CHECK(s.describe() == "ready");
    CHECK(applyStatusByte(s, 4, 0x1E));
    CHECK(s.paperNearEnd);
    CHECK_FALSE(s.paperOut);
    CHECK(s.canPrint());
    CHECK(s.describe() == "paper near end");
    CHECK(applyStatusByte(s, 4, 0x7E));
    CHECK(s.paperOut);
    CHECK_FALSE(s.canPrint());
    PrinterStatus c;
    CHECK(applyStatusByte(c, 2, 0x16));
    CHECK(c.coverOpen);
    CHECK(c.describe() == "cover open");
    PrinterStatus off;
    CHECK(applyStatusByte(off, 1, 0x1A));
    CHECK(off.offline);
    PrinterStatus bad;
    CHECK_FALSE(applyStatusByte(bad, 4, 0xFF));
    CHECK_FALSE(bad.known);
    CHECK(bad.describe().find("unknown") != std::string::npos);
}

namespace {
struct Rig {
    std::shared_ptr<emu::PrinterEmulator> printer = std::make_shared<emu::PrinterEmulator>(test::profile("epson-tm-t20iii"));
    emu::EmulatorTransport transport{printer};
    PrinterDriver driver{transport, test::profile("epson-tm-t20iii"), DriverTimeouts{100ms, 500ms, 4096, 50.0}};
};
Bytes smallJob() {
    doc::ReceiptDocument r;
    r.title("Reçu");
    r.row("Frais", "0,00 €");
    return layoutReceipt(r, test::profile("epson-tm-t20iii"));
}
}  // namespace

TEST_CASE("escpos.driver prints and reports status before and after", "[escpos]") {
    Rig rig;
    rig.printer->setPaperNearEnd(true);
    Bytes job = smallJob();
    PrintOutcome o = rig.driver.print(job);
    REQUIRE(o.ok());
    CHECK(rig.driver.state() == PrinterDriver::State::Done);
    CHECK(o.bytesSent == job.size());
    CHECK(o.before.known);
    CHECK(o.after.paperNearEnd);
    auto receipts = rig.printer->takeReceipts();
    REQUIRE(receipts.size() == 1);
    CHECK(receipts[0].textLines().front() == "Reçu");
}

TEST_CASE("escpos.driver refuses to print with paper out or cover open", "[escpos]") {
    Rig rig;
    rig.printer->setPaperOut(true);
    PrintOutcome o = rig.driver.print(smallJob());
    CHECK(o.failure == PrintFailure::PaperOut);
    CHECK(rig.driver.state() == PrinterDriver::State::Failed);
    CHECK(rig.printer->receiptCount() == 0);
    rig.printer->setPaperOut(false);
    rig.printer->setCoverOpen(true);
    CHECK(rig.driver.print(smallJob()).failure == PrintFailure::CoverOpen);
    rig.printer->setCoverOpen(false);
    CHECK(rig.driver.print(smallJob()).ok());
}

TEST_CASE("escpos.driver paper running out mid-job is reported as paper out", "[escpos]") {
    Rig rig;
    doc::ReceiptDocument r;
    for (int i = 0; i < 400; ++i) r.line("Ligne " + std::to_string(i) + " de texte assez longue pour remplir");
    Bytes job = layoutReceipt(r, test::profile("epson-tm-t20iii"));
    REQUIRE(job.size() > 3 * 4096);
    rig.printer->paperRunsOutAfter(6000);
    PrintOutcome o = rig.driver.print(job);
    CHECK(o.failure == PrintFailure::PaperOut);
    CHECK(o.bytesSent < job.size());
    CHECK(o.after.paperOut);
}

TEST_CASE("escpos.driver unplugged printer fails fast as disconnected", "[escpos]") {
    Rig rig;
    rig.transport.unplug();
    auto start = std::chrono::steady_clock::now();
    PrintOutcome o = rig.driver.print(smallJob());
    CHECK(o.failure == PrintFailure::Disconnected);
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    auto s = rig.driver.queryStatus();
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::Disconnected);
}

namespace {
// A printer that takes data but never answers status queries (cheap 58 mm models).
class SilentTransport final : public usb::Transport {
public:
    Bytes written;
    Result<std::size_t> bulkWrite(std::span<const std::uint8_t> d, usb::Timeout) override {
        written.insert(written.end(), d.begin(), d.end());
        return d.size();
    }
    Result<std::size_t> bulkRead(std::span<std::uint8_t>, usb::Timeout t) override {
        std::this_thread::sleep_for(t);
        return makeError(ErrorCode::Timeout, "silent");
    }
    Result<std::size_t> interruptRead(std::span<std::uint8_t>, usb::Timeout) override { return makeError(ErrorCode::NotSupported, "no"); }
    Result<std::size_t> control(const usb::ControlSetup&, std::span<std::uint8_t>, usb::Timeout) override { return makeError(ErrorCode::Stall, "no"); }
    void close() override {}
    bool isOpen() const override { return true; }
};
}  // namespace

TEST_CASE("escpos.driver silent printer gives unknown status, not ok and not a hang", "[escpos]") {
    SilentTransport t;
    PrinterDriver d(t, test::profile("pos58"), DriverTimeouts{50ms, 500ms, 4096, 50.0});
    auto start = std::chrono::steady_clock::now();
    auto s = d.queryStatus();
    REQUIRE(s.ok());
    CHECK_FALSE(s->known);
    CHECK(std::chrono::steady_clock::now() - start < 500ms);  // asked once, not three times
    Bytes job = smallJob();
    PrintOutcome o = d.print(job);
    CHECK(o.ok());
    CHECK_FALSE(o.after.known);
}
