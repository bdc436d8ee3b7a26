// Fail-point test (ARCHITECTURE.md §10): fail the Nth transfer of a print job, for every N,
// with each kind of failure; the receipt must still come out whole and `done` fire once.
#include <catch2/catch.hpp>

#include <thread>

#include "kiosk/devices/receipt_printer_worker.hpp"
#include "tests/printer/printer_test_support.hpp"

using namespace guichet;
using namespace std::chrono_literals;

namespace {

// The emulator's transport with one injected failure at transfer number `failAt`.
class FaultyLink final : public PrinterLink {
public:
    FaultyLink(escpos::PrinterProfile p, int failAt, ErrorCode kind)
        : profile_(std::move(p)), printer_(std::make_shared<emu::PrinterEmulator>(profile_)), inner_(printer_), faulty_(*this),
          failAt_(failAt), kind_(kind) {}
    void poll(std::chrono::milliseconds) override { down_ = false; }  // a replug: back at the next poll
    usb::Transport* transport() override { return down_ ? nullptr : &faulty_; }
    const escpos::PrinterProfile& profile() const override { return profile_; }
    std::string deviceId() const override { return "faulty:printer"; }
    emu::PrinterEmulator& printer() { return *printer_; }
    int transfers() const { return count_; }

private:
    class Faulty final : public usb::Transport {
    public:
        explicit Faulty(FaultyLink& l) : l_(l) {}
        Result<std::size_t> bulkWrite(std::span<const std::uint8_t> d, usb::Timeout t) override {
            if (auto e = l_.inject()) return *e;
            return l_.inner_.bulkWrite(d, t);
        }
        Result<std::size_t> bulkRead(std::span<std::uint8_t> b, usb::Timeout t) override {
            if (auto e = l_.inject()) return *e;
            return l_.inner_.bulkRead(b, t);
        }
        Result<std::size_t> interruptRead(std::span<std::uint8_t> b, usb::Timeout t) override { return l_.inner_.interruptRead(b, t); }
        Result<std::size_t> control(const usb::ControlSetup& s, std::span<std::uint8_t> d, usb::Timeout t) override {
            return l_.inner_.control(s, d, t);
        }
        void close() override {}
        bool isOpen() const override { return !l_.down_; }

    private:
        FaultyLink& l_;
    };

    std::optional<Error> inject() {
        if (++count_ != failAt_) return std::nullopt;
        if (kind_ == ErrorCode::Disconnected) down_ = true;
        return makeError(kind_, "injected failure");
    }

    escpos::PrinterProfile profile_;
    std::shared_ptr<emu::PrinterEmulator> printer_;
    emu::EmulatorTransport inner_;
    Faulty faulty_;
    int failAt_;
    ErrorCode kind_;
    std::atomic<int> count_{0};
    std::atomic<bool> down_{false};
};

}  // namespace

TEST_CASE("printer.fail-point: any failed transfer still ends in one whole receipt", "[printer]") {
    const auto& profile = test::printerProfile("epson-tm-t20iii");
    const doc::ReceiptDocument receipt = test::referenceReceipt();
    for (ErrorCode kind : {ErrorCode::Disconnected, ErrorCode::Timeout, ErrorCode::Io, ErrorCode::Stall}) {
        // A clean job is ~12 transfers (3 status queries, 4 chunks, 3 queries): fail each one.
        for (int n = 1; n <= 14; ++n) {
            INFO("failure " << errorCodeName(kind) << " at transfer " << n);
            MainThreadQueue ui;
            auto link = std::make_unique<FaultyLink>(profile, n, kind);
            FaultyLink* l = link.get();
            PrinterWorkerOptions o;
            o.retryInterval = 5ms;
            o.timeouts.statusAnswer = 50ms;
            ReceiptPrinterWorker worker(std::move(link), ui, nullptr, o);
            int calls = 0;
            bool ok = false;
            worker.print(receipt, [&](Result<void> r) {
                ++calls;
                ok = r.ok();
            });
            const auto end = std::chrono::steady_clock::now() + 5s;
            while (calls == 0 && std::chrono::steady_clock::now() < end) {
                ui.runPending();
                std::this_thread::sleep_for(2ms);
            }
            worker.stop();
            ui.runPending();
            CHECK(calls == 1);
            CHECK(ok);
            auto receipts = l->printer().takeReceipts();
            REQUIRE(receipts.size() >= 1);
            const auto lines = receipts.back().textLines();
            CHECK(lines.front() == "Mairie de Saint-Exemple");
            CHECK(lines.back() == "Conservez ce reçu. Merci !");
        }
    }
}
