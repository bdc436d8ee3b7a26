// The device manager hosting all three kinds over real libusb, against umockdev fakes: a
// TM-T20III printer, a CCID card reader and an IPP-over-USB scanner. What `guichetctl devices
// --json` prints (the same manager, hosts and report) follows unplug and replug; a second
// reader is listed as ignored; a reader that answers nonsense or vanishes mid-read is reported.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <thread>

#include "drivers/ccid/ccid_descriptor.hpp"
#include "kiosk/devices/devices_report.hpp"
#include "kiosk/hardware/terminal_devices.hpp"
#include "tests/ccid/usb/ccid_fake_usb.hpp"
#include "tests/escl/ippusb_scanner_function.hpp"
#include "tests/printer/emulated_usb_printer.hpp"
#include "tests/support/umockdev/umockdev_testbed.hpp"

using namespace guichet;
using namespace std::chrono_literals;

namespace {

struct Rig {
    test::UmockdevTestbed tb;
    MainThreadQueue ui;
    emu::EsclEmulator scanner{emu::EmulatorBehaviour{}};
    TerminalDevices devices;

    std::shared_ptr<test::FakeUsbDevice> plugPrinter() {
        auto emulator = std::make_shared<emu::PrinterEmulator>(*profile("epson-tm-t20iii"));
        return tb.plug(test::epsonTmT20iii(), std::make_shared<test::EmulatedUsbPrinter>(emulator, 0x84), {.port = 2});
    }
    std::shared_ptr<test::FakeUsbDevice> plugReader(const emu::ReaderModel& model, int port,
                                                    std::shared_ptr<test::FakeUsbFunction> fn = nullptr) {
        if (!fn) fn = std::make_shared<ccidtest::CcidUsbFunction>(std::make_shared<emu::EmulatedCcidReader>(model));
        return tb.plug(ccidtest::fakeSpec(model), fn, {.port = port});
    }
    std::shared_ptr<test::FakeUsbDevice> plugScanner() {
        return tb.plug(test::fakeIppUsbScannerSpec(), std::make_shared<test::IppUsbScannerFunction>(scanner), {.port = 3});
    }
    const escpos::PrinterProfile* profile(const std::string& name) {
        static auto all = PrinterProfiles::loadDirectory(std::string(GUICHET_SOURCE_DIR) + "/config/printers");
        return all ? all->find(name) : nullptr;
    }
    void start(const std::string& configuredReader = {}, bool withPrinterAndScanner = true) {
        TerminalDevicesConfig c;
        c.printer.profilesDir = std::string(GUICHET_SOURCE_DIR) + "/config/printers";
        c.printer.printer.retryInterval = 100ms;
        c.printer.printer.timeouts.statusAnswer = 300ms;
        card::CardConfig cc;
        cc.source = card::IdentifierSource::ContactlessUid;
        cc.commandTimeout = 400ms;
        cc.reader = configuredReader;
        c.card = cc;
        if (withPrinterAndScanner) {
            scan::ScannerConfig s;
            s.device = "auto";
            s.statusPoll = escl::Millis(60000);  // only hotplug can explain a prompt change
            s.retry = {5, escl::Millis(10)};
            c.scanner = s;
        }
        devices = makeTerminalDevices(ui, c);
        auto r = devices.manager->start();
        INFO((r.ok() ? std::string() : r.error().message));
        REQUIRE(r.ok());
    }
    // What `guichetctl devices --json` prints once the devices have settled.
    nlohmann::json json() { return nlohmann::json::parse(devicesJson(settledDevices(ui, *devices.manager))); }
    template <class P>
    bool pumpUntil(P pred, std::chrono::milliseconds limit = 5s) {
        auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            ui.runPending();
            if (pred()) return true;
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }
    // The row of `kind` in the manager's table ("" state when missing).
    DeviceEvent row(DeviceKind kind, bool ignored = false) {
        for (const auto& e : devices.manager->devices())
            if (e.kind == kind && e.ignoredBecause.empty() != ignored) return e;
        return DeviceEvent{kind, "?", DeviceStatus::Unknown, "no such row"};
    }
    bool states(DeviceStatus printer, DeviceStatus reader, DeviceStatus scanner) {
        return row(DeviceKind::Printer).status == printer && row(DeviceKind::CardReader).status == reader &&
               row(DeviceKind::Scanner).status == scanner;
    }
    ~Rig() {
        if (devices.manager) devices.manager->stop();
    }
};

nlohmann::json kindRow(const nlohmann::json& j, const std::string& kind) {
    for (const auto& d : j["devices"])
        if (d["kind"] == kind && d["state"] != "ignored") return d;
    return {};
}

}  // namespace

TEST_CASE("devices.usb printer, reader and scanner listed, their states follow unplug and replug", "[devices][umockdev]") {
    Rig rig;
    auto printer = rig.plugPrinter();
    auto reader = rig.plugReader(emu::acr122u(), 4);
    auto scanner = rig.plugScanner();
    rig.start();

    auto j = rig.json();
    INFO(j.dump(2));
    REQUIRE(j["devices"].size() == 3);
    CHECK(kindRow(j, "printer")["id"] == "usb:04b8:0e28@1-2");
    CHECK(kindRow(j, "printer")["state"] == "ready");
    CHECK(kindRow(j, "card-reader")["id"] == "usb:072f:2200@1-4");
    CHECK(kindRow(j, "card-reader")["state"] == "no-card");
    CHECK(kindRow(j, "scanner")["id"] == "usb:1d6b:5c4e@1-3");
    CHECK(kindRow(j, "scanner")["state"] == "ready");
    for (const auto& d : j["devices"]) CHECK(d["in_use"] == true);

    rig.tb.unplug(printer);
    rig.tb.unplug(reader);
    rig.tb.unplug(scanner);
    REQUIRE(rig.pumpUntil([&] { return rig.states(DeviceStatus::Absent, DeviceStatus::Absent, DeviceStatus::Absent); }));
    j = rig.json();
    INFO(j.dump(2));
    REQUIRE(j["devices"].size() == 3);
    for (const auto& d : j["devices"]) {
        CHECK(d["state"] == "absent");
        CHECK(d["in_use"] == false);
    }

    rig.plugPrinter();
    rig.plugReader(emu::acr122u(), 4);
    rig.plugScanner();
    REQUIRE(rig.pumpUntil([&] { return rig.states(DeviceStatus::Ready, DeviceStatus::NoCard, DeviceStatus::Ready); }));
    j = rig.json();
    INFO(j.dump(2));
    CHECK(kindRow(j, "printer")["state"] == "ready");
    CHECK(kindRow(j, "card-reader")["state"] == "no-card");
    CHECK(kindRow(j, "card-reader")["id"] == "usb:072f:2200@1-4");
    CHECK(kindRow(j, "scanner")["state"] == "ready");
}

// The IPP-over-USB scanner also has a plain printer interface (7/1/2), as every
// multifunction office printer does. Taken for the receipt printer, it would print ESC/POS
// as garbage; CI once saw it win because it was plugged back last.
TEST_CASE("devices.usb a multifunction scanner is never taken for the receipt printer, whatever the order", "[devices][umockdev]") {
    Rig rig;
    rig.plugScanner();
    rig.start();
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::Scanner).status == DeviceStatus::Ready; }));
    CHECK_FALSE(rig.pumpUntil([&] { return rig.row(DeviceKind::Printer).status != DeviceStatus::Absent; }, 600ms));
    CHECK(rig.row(DeviceKind::Printer).deviceId.find("1d6b:5c4e") == std::string::npos);

    // The receipt printer arrives after the scanner, then both leave and come back with
    // the scanner last: the receipt printer is the one used each time.
    auto printer = rig.plugPrinter();
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::Printer).status == DeviceStatus::Ready; }));
    CHECK(rig.row(DeviceKind::Printer).deviceId == "usb:04b8:0e28@1-2");
    rig.tb.unplug(printer);
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::Printer).status == DeviceStatus::Absent; }));
    rig.plugPrinter();
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::Printer).status == DeviceStatus::Ready; }));
    CHECK(rig.row(DeviceKind::Printer).deviceId == "usb:04b8:0e28@1-2");
}

TEST_CASE("devices.usb a second card reader does not replace the first, it is listed as ignored", "[devices][umockdev]") {
    Rig rig;
    auto first = rig.plugReader(emu::idBridgeCt30(), 4);
    rig.start({}, false);
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::CardReader).status == DeviceStatus::NoCard; }));
    CHECK(rig.row(DeviceKind::CardReader).deviceId == "usb:08e6:3437@1-4");

    rig.plugReader(emu::acr122u(), 5);
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::CardReader, true).deviceId == "usb:072f:2200@1-5"; }));
    auto j = rig.json();
    INFO(j.dump(2));
    CHECK(kindRow(j, "card-reader")["id"] == "usb:08e6:3437@1-4");  // still the first one
    CHECK(kindRow(j, "card-reader")["state"] == "no-card");
    const auto& ignored = j["devices"].back();
    CHECK(ignored["state"] == "ignored");
    CHECK(ignored["id"] == "usb:072f:2200@1-5");
    CHECK(ignored["in_use"] == false);
    CHECK(ignored["ignored_because"].get<std::string>().find("un autre lecteur est déjà utilisé") != std::string::npos);

    // The one in use leaves: the other takes over, and is no longer listed as ignored.
    rig.tb.unplug(first);
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::CardReader).deviceId == "usb:072f:2200@1-5"; }));
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::CardReader).status == DeviceStatus::NoCard; }));
    CHECK(rig.row(DeviceKind::CardReader, true).deviceId == "?");
}

TEST_CASE("devices.usb the configured card reader wins over the first one seen", "[devices][umockdev]") {
    Rig rig;
    rig.plugReader(emu::idBridgeCt30(), 4);
    rig.start("usb:072f:2200", false);
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::CardReader).status == DeviceStatus::NoCard; }));
    rig.plugReader(emu::acr122u(), 5);  // the configured one arrives second
    REQUIRE(rig.pumpUntil([&] {
        return rig.row(DeviceKind::CardReader).deviceId == "usb:072f:2200@1-5" &&
               rig.row(DeviceKind::CardReader).status == DeviceStatus::NoCard;
    }));
    auto ignored = rig.row(DeviceKind::CardReader, true);
    CHECK(ignored.deviceId == "usb:08e6:3437@1-4");
    CHECK(ignored.ignoredBecause.find("le lecteur configuré est prioritaire") != std::string::npos);
}

namespace {

// A reader whose bulk IN answers are noise: whatever the host asks, 10 bytes of nonsense.
class NonsenseReader final : public ccidtest::CcidUsbFunction {
public:
    using CcidUsbFunction::CcidUsbFunction;
    test::InReply onIn(std::uint8_t endpoint, std::size_t max) override {
        if (endpoint == reader().model().bulkIn) return test::InReply::bytes(Bytes{0xDE, 0xAD, 0xBE, 0xEF, 0x13, 0x37, 0x00, 0xFF, 0x42, 0x99});
        return CcidUsbFunction::onIn(endpoint, max);
    }
};

}  // namespace

TEST_CASE("devices.usb a reader that answers nonsense is reported, never used, never hangs", "[devices][umockdev]") {
    Rig rig;
    // 1. A class descriptor that makes no sense: the reader is listed as unusable, with why.
    auto spec = ccidtest::fakeSpec(emu::idBridgeCt30());
    spec.interfaces[0].classDescriptor = Bytes{0x36, 0x21, 0x10, 0x01};  // says 54 bytes, has 4
    rig.tb.plug(spec, std::make_shared<ccidtest::CcidUsbFunction>(std::make_shared<emu::EmulatedCcidReader>(emu::idBridgeCt30())),
                {.port = 4});
    // 2. A reader whose answers are noise: used (nothing better), in error, the read fails fast.
    auto noise = std::make_shared<NonsenseReader>(std::make_shared<emu::EmulatedCcidReader>(emu::acr122u()));
    rig.plugReader(emu::acr122u(), 5, noise);
    rig.start({}, false);

    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::CardReader, true).deviceId == "usb:08e6:3437@1-4"; }));
    auto unusable = rig.row(DeviceKind::CardReader, true);
    CHECK(unusable.status == DeviceStatus::Error);
    CHECK(unusable.ignoredBecause.find("lecteur inutilisable") != std::string::npos);
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::CardReader).status == DeviceStatus::Error; }));
    CHECK(rig.row(DeviceKind::CardReader).deviceId == "usb:072f:2200@1-5");

    std::optional<Result<std::string>> got;
    auto asked = std::chrono::steady_clock::now();
    rig.devices.card->service()->readIdentifier([&](Result<std::string> r) { got = std::move(r); });
    rig.devices.card->service()->cancel();  // the resident gives up: the read must end
    REQUIRE(rig.pumpUntil([&] { return got.has_value(); }, 3s));
    CHECK_FALSE(got->ok());
    CHECK(std::chrono::steady_clock::now() - asked < 3s);
}

TEST_CASE("devices.usb a reader unplugged while a read waits for the card - the read fails, the state is absent", "[devices][umockdev]") {
    Rig rig;
    auto reader = rig.plugReader(emu::acr122u(), 4);
    rig.start({}, false);
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::CardReader).status == DeviceStatus::NoCard; }));
    std::optional<Result<std::string>> got;
    rig.devices.card->service()->readIdentifier([&](Result<std::string> r) { got = std::move(r); });
    // Over libusb the idle reader is read in 100 ms slices: by 300 ms the read waits for the card.
    std::this_thread::sleep_for(300ms);
    rig.ui.runPending();
    CHECK_FALSE(got.has_value());
    rig.tb.unplug(reader);
    REQUIRE(rig.pumpUntil([&] { return got.has_value(); }));
    REQUIRE_FALSE(got->ok());
    CHECK(got->error().code == ErrorCode::Disconnected);
    REQUIRE(rig.pumpUntil([&] { return rig.row(DeviceKind::CardReader).status == DeviceStatus::Absent; }));
    auto j = rig.json();
    CHECK(kindRow(j, "card-reader")["state"] == "absent");
}

namespace {

// The real operator tool, as a child process: umockdev's preload library (inherited through
// LD_PRELOAD and UMOCKDEV_DIR) hands its USB requests to this process's fake devices.
std::string guichetctl(const std::string& args, int* exitCode) {
    const std::string cmd = std::string(GUICHET_BINARY_DIR) + "/kiosk/ctl/guichetctl " + args + " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    const int rc = pclose(p);
    *exitCode = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return out;
}

}  // namespace

TEST_CASE("devices.ctl guichetctl devices --json lists the three fakes, then an unplugged reader as absent", "[devices][umockdev]") {
    Rig rig;
    rig.plugPrinter();
    auto reader = rig.plugReader(emu::acr122u(), 4);
    rig.plugScanner();
    const std::string args = "devices --json --profiles " + std::string(GUICHET_SOURCE_DIR) + "/config/printers";
    int rc = -1;
    auto out = guichetctl(args, &rc);
    INFO(out);
    REQUIRE(rc == 0);
    auto j = nlohmann::json::parse(out);
    CHECK(kindRow(j, "printer")["id"] == "usb:04b8:0e28@1-2");
    CHECK(kindRow(j, "printer")["state"] == "ready");
    CHECK(kindRow(j, "card-reader")["id"] == "usb:072f:2200@1-4");
    CHECK(kindRow(j, "card-reader")["state"] == "no-card");
    CHECK(kindRow(j, "scanner")["id"] == "usb:1d6b:5c4e@1-3");
    CHECK(kindRow(j, "scanner")["state"] == "ready");

    rig.tb.unplug(reader);
    out = guichetctl(args, &rc);
    INFO(out);
    REQUIRE(rc == 0);
    j = nlohmann::json::parse(out);
    CHECK(kindRow(j, "card-reader")["state"] == "absent");
    CHECK(kindRow(j, "printer")["state"] == "ready");

    // The text form, in French, and bad usage.
    out = guichetctl("devices --profiles " + std::string(GUICHET_SOURCE_DIR) + "/config/printers", &rc);
    CHECK(rc == 0);
    CHECK(out.find("Imprimante de tickets : en service (usb:04b8:0e28@1-2)") != std::string::npos);
    CHECK(out.find("Lecteur de cartes : aucun appareil branché") != std::string::npos);
    CHECK(out.find("Scanner : en service (usb:1d6b:5c4e@1-3)") != std::string::npos);
    guichetctl("devices --bogus", &rc);
    CHECK(rc == 2);
}
