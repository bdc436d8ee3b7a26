// The whole libusb path with a fake TM-T20III (04b8:0e28, class 7, bulk OUT 0x03 / IN 0x84)
// under umockdev: found, claimed (usblp detached), prints a receipt whose bytes the fake
// checks, reports paper near end, survives an unplug mid-job and prints after the replug.
#include <catch2/catch.hpp>

#include <thread>

#include "drivers/escpos/receipt_layout.hpp"
#include "kiosk/devices/device_manager.hpp"
#include "tests/printer/emulated_usb_printer.hpp"
#include "tests/printer/printer_test_support.hpp"
#include "tests/support/umockdev/umockdev_testbed.hpp"
#include "tests/support/umockdev/usb_descriptors.hpp"

using namespace guichet;
using namespace std::chrono_literals;

namespace {

// Job bytes without the DLE EOT queries the driver interleaves.
struct UsbRig {
    test::UmockdevTestbed tb;
    MainThreadQueue ui;
    std::vector<DeviceEvent> events;
    std::unique_ptr<DeviceManager> devices;

    // `emulator`: the physical printer behind the cable (reuse it to model a replug).
    std::shared_ptr<test::EmulatedUsbPrinter> plugPrinter(std::shared_ptr<test::FakeUsbDevice>* out = nullptr,
                                                          std::shared_ptr<emu::PrinterEmulator> emulator = nullptr) {
        if (!emulator) emulator = std::make_shared<emu::PrinterEmulator>(test::printerProfile("epson-tm-t20iii"));
        auto fn = std::make_shared<test::EmulatedUsbPrinter>(emulator, 0x84);
        auto dev = tb.plug(test::epsonTmT20iii(), fn, {.port = 2, .kernelDriver = "usblp"});
        if (out) *out = dev;
        return fn;
    }
    void startManager() {
        DeviceManagerConfig c;
        c.profilesDir = test::profilesDir();
        c.printer.retryInterval = 100ms;
        c.printer.timeouts.statusAnswer = 300ms;
        c.printer.timeouts.minChunk = 1500ms;
        devices = std::make_unique<DeviceManager>(ui, c);
        devices->setListener([this](const DeviceEvent& e) { events.push_back(e); });
        auto r = devices->start();
        const std::string why = r.ok() ? std::string() : r.error().message;
        INFO(why);
        REQUIRE(r.ok());
    }
    template <class P>
    bool pumpUntil(P pred, std::chrono::milliseconds limit = 8s) {
        auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            ui.runPending();
            if (pred()) return true;
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }
    bool saw(DeviceStatus s) const {
        return std::any_of(events.begin(), events.end(), [&](const DeviceEvent& e) { return e.status == s; });
    }
};

}  // namespace

TEST_CASE("printer.fake TM-T20III over libusb prints the exact bytes", "[printer][umockdev]") {
    UsbRig rig;
    std::shared_ptr<test::FakeUsbDevice> dev;
    auto fn = rig.plugPrinter(&dev);
    rig.startManager();

    REQUIRE(rig.pumpUntil([&] { return rig.saw(DeviceStatus::Ready); }));
    CHECK(dev->kernelDriverDetaches() == 1);  // usblp let go
    CHECK(dev->claims() >= 1);
    CHECK(rig.events.back().deviceId == "usb:04b8:0e28@1-2");

    std::optional<Result<void>> outcome;
    rig.devices->printer().print(test::referenceReceipt(), [&](Result<void> r) { outcome = std::move(r); });
    REQUIRE(rig.pumpUntil([&] { return outcome.has_value(); }));
    REQUIRE(outcome->ok());

    // The fake saw exactly the encoder's bytes for this profile (status queries aside).
    escpos::LogoCache cache;
    escpos::LayoutOptions lo;
    const Bytes expected = escpos::layoutReceipt(test::referenceReceipt(), test::printerProfile("epson-tm-t20iii"), lo);
    CHECK(fn->jobBytes() == expected);
    auto receipts = fn->printer().takeReceipts();
    REQUIRE(receipts.size() == 1);
    CHECK(receipts[0].textLines()[0] == "Mairie de Saint-Exemple");
}

TEST_CASE("printer.fake TM-T20III reports paper near end", "[printer][umockdev]") {
    UsbRig rig;
    auto fn = rig.plugPrinter();
    fn->printer().setPaperNearEnd(true);
    rig.startManager();
    REQUIRE(rig.pumpUntil([&] { return rig.saw(DeviceStatus::PaperLow); }));
    CHECK(rig.devices->printer().status() == DeviceStatus::PaperLow);
}

TEST_CASE("printer.fake TM-T20III unplugged mid-job, replugged, job printed", "[printer][umockdev]") {
    UsbRig rig;
    std::shared_ptr<test::FakeUsbDevice> dev;
    auto first = rig.plugPrinter(&dev);
    first->holdAfter(4096);  // the printer stops taking data after the first chunk
    rig.startManager();
    REQUIRE(rig.pumpUntil([&] { return rig.saw(DeviceStatus::Ready); }));

    std::optional<Result<void>> outcome;
    rig.devices->printer().print(test::referenceReceipt(), [&](Result<void> r) { outcome = std::move(r); });
    REQUIRE(rig.pumpUntil([&] { return first->jobByteCount() >= 4096; }));
    rig.tb.unplug(dev);  // while the host is blocked in a bulk write
    REQUIRE(rig.pumpUntil([&] { return rig.saw(DeviceStatus::Absent); }));
    CHECK_FALSE(outcome.has_value());  // kept, not failed

    // The same printer comes back on a new USB address, still inside the logo's raster
    // command it was receiving: the driver first sends the NULs that finish it.
    auto second = rig.plugPrinter(nullptr, first->printer().shared_from_this());
    REQUIRE(rig.pumpUntil([&] { return outcome.has_value(); }, 10s));
    CHECK(outcome->ok());
    const Bytes expected = escpos::layoutReceipt(test::referenceReceipt(), test::printerProfile("epson-tm-t20iii"));
    const Bytes got = second->jobBytes();
    REQUIRE(got.size() > expected.size());
    const std::size_t pad = got.size() - expected.size();
    CHECK(std::all_of(got.begin(), got.begin() + static_cast<long>(pad), [](std::uint8_t b) { return b == 0; }));
    CHECK(Bytes(got.begin() + static_cast<long>(pad), got.end()) == expected);  // then the whole receipt again
    auto receipts = second->printer().takeReceipts();
    REQUIRE(receipts.size() == 1);
    // One roll: the cut-off start (logo top), then the complete receipt.
    const auto lines = receipts[0].textLines();
    CHECK(std::count(lines.begin(), lines.end(), "Mairie de Saint-Exemple") == 1);
    CHECK(lines.back() == "Conservez ce reçu. Merci !");
}

TEST_CASE("printer.fake POS58 is picked by its id and gets the 58 mm layout", "[printer][umockdev]") {
    UsbRig rig;
    auto emulator = std::make_shared<emu::PrinterEmulator>(test::printerProfile("pos58"));
    auto fn = std::make_shared<test::EmulatedUsbPrinter>(emulator, 0x81);
    rig.tb.plug(test::pos58(), fn, {.port = 3});
    rig.startManager();
    REQUIRE(rig.pumpUntil([&] { return rig.saw(DeviceStatus::Ready); }));
    std::optional<Result<void>> outcome;
    rig.devices->printer().print(test::referenceReceipt(), [&](Result<void> r) { outcome = std::move(r); });
    REQUIRE(rig.pumpUntil([&] { return outcome.has_value(); }));
    REQUIRE(outcome->ok());
    CHECK(fn->jobBytes() == escpos::layoutReceipt(test::referenceReceipt(), test::printerProfile("pos58")));
    emulator->finish();
    const auto lines = emulator->wholeRoll().textLines();
    CHECK(std::find(lines.begin(), lines.end(), "Frais " + std::string(32 - 13, '.') + " 0,00 €") != lines.end());
    CHECK(rig.events.back().deviceId == "usb:0416:5011@1-3");
}

TEST_CASE("printer.fake TM-T20III unplugged at each chunk of the job", "[printer][umockdev]") {
    const Bytes expected = escpos::layoutReceipt(test::referenceReceipt(), test::printerProfile("epson-tm-t20iii"));
    // The driver sends 4 KiB chunks; the fake stops taking data after 1, 2 or 3 of them
    // (inside the logo's raster, inside the logo again, in the text and QR).
    for (std::size_t hold : {std::size_t{4096}, std::size_t{8192}, std::size_t{12288}}) {
        INFO("unplugged once " << hold << " job bytes were in");
        UsbRig rig;
        std::shared_ptr<test::FakeUsbDevice> dev;
        auto first = rig.plugPrinter(&dev);
        first->holdAfter(hold);
        rig.startManager();
        REQUIRE(rig.pumpUntil([&] { return rig.saw(DeviceStatus::Ready); }));
        std::optional<Result<void>> outcome;
        int calls = 0;
        rig.devices->printer().print(test::referenceReceipt(), [&](Result<void> r) {
            ++calls;
            outcome = std::move(r);
        });
        REQUIRE(rig.pumpUntil([&] { return first->jobByteCount() >= hold; }));
        std::this_thread::sleep_for(50ms);  // the next chunk is now pending in the fake
        rig.tb.unplug(dev);
        REQUIRE(rig.pumpUntil([&] { return rig.saw(DeviceStatus::Absent); }));
        auto second = rig.plugPrinter(nullptr, first->printer().shared_from_this());
        REQUIRE(rig.pumpUntil([&] { return outcome.has_value(); }, 10s));
        CHECK(calls == 1);
        CHECK(outcome->ok());
        const Bytes got = second->jobBytes();
        REQUIRE(got.size() >= expected.size());
        CHECK(Bytes(got.end() - static_cast<long>(expected.size()), got.end()) == expected);
        auto receipts = second->printer().takeReceipts();
        REQUIRE_FALSE(receipts.empty());
        CHECK(receipts.back().textLines().back() == "Conservez ce reçu. Merci !");
    }
}
