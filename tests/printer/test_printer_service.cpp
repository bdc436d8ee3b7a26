// The ReceiptPrinterService in demo mode (emulated printer): jobs print, PNGs are written,
// paper out and unplug keep the job and print it once the printer is back.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "kiosk/devices/device_manager.hpp"
#include "tests/printer/printer_test_support.hpp"

using namespace guichet;
using namespace std::chrono_literals;

namespace {

struct Demo {
    MainThreadQueue ui;
    std::filesystem::path pngDir = std::filesystem::temp_directory_path() / ("guichet-demo-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
    std::unique_ptr<DeviceManager> devices;
    std::vector<DeviceEvent> events;

    explicit Demo(const std::string& profile = "epson-tm-t20iii") {
        DeviceManagerConfig c;
        c.demo = true;
        c.printerProfile = profile;
        c.profilesDir = test::profilesDir();
        c.receiptPngDir = pngDir.string();
        c.printer.retryInterval = 50ms;
        c.printer.timeouts.statusAnswer = 100ms;
        devices = std::make_unique<DeviceManager>(ui, c);
        devices->setListener([this](const DeviceEvent& e) { events.push_back(e); });
        REQUIRE(devices->start().ok());
    }
    ~Demo() {
        devices.reset();
        std::filesystem::remove_all(pngDir);
    }
    // Runs the UI queue until `pred` holds (or fails the test after `limit`).
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
    bool sawStatus(DeviceStatus s) const {
        return std::any_of(events.begin(), events.end(), [&](const DeviceEvent& e) { return e.status == s; });
    }
};

}  // namespace

TEST_CASE("printer.demo prints a receipt and writes its PNG", "[printer]") {
    Demo d;
    std::optional<Result<void>> outcome;
    d.devices->printer().print(test::referenceReceipt(), [&](Result<void> r) { outcome = std::move(r); });
    REQUIRE(d.pumpUntil([&] { return outcome.has_value(); }));
    CHECK(outcome->ok());
    REQUIRE(d.pumpUntil([&] { return d.sawStatus(DeviceStatus::Ready); }));
    int pngs = 0;
    for (const auto& f : std::filesystem::directory_iterator(d.pngDir)) pngs += f.path().extension() == ".png";
    CHECK(pngs == 1);
    for (const auto& e : d.events) CHECK(e.deviceId == "emulator:printer");
}

TEST_CASE("printer.paper out keeps the job and prints it after refill", "[printer]") {
    Demo d;
    d.devices->demoPrinter()->setPaperOut(true);
    std::optional<Result<void>> outcome;
    d.devices->printer().print(test::referenceReceipt(), [&](Result<void> r) { outcome = std::move(r); });
    REQUIRE(d.pumpUntil([&] { return d.sawStatus(DeviceStatus::PaperOut); }));
    CHECK_FALSE(outcome.has_value());
    // While it stays out of paper, the state stays "paper out" (no flicker to "printing").
    for (int i = 0; i < 20; ++i) {
        std::this_thread::sleep_for(10ms);
        CHECK(d.devices->printer().status() == DeviceStatus::PaperOut);
    }
    d.devices->demoPrinter()->setPaperOut(false);
    REQUIRE(d.pumpUntil([&] { return outcome.has_value(); }));
    CHECK(outcome->ok());
    CHECK(d.devices->demoPrinter()->receiptCount() == 1);  // printed once, not twice
}

TEST_CASE("printer.paper near end is reported while printing goes on", "[printer]") {
    Demo d;
    d.devices->demoPrinter()->setPaperNearEnd(true);
    std::optional<Result<void>> outcome;
    d.devices->printer().print(test::referenceReceipt(), [&](Result<void> r) { outcome = std::move(r); });
    REQUIRE(d.pumpUntil([&] { return outcome.has_value(); }));
    CHECK(outcome->ok());
    REQUIRE(d.pumpUntil([&] { return d.sawStatus(DeviceStatus::PaperLow); }));
    auto snap = d.devices->snapshot();
    REQUIRE(snap.size() == 1);
    CHECK(snap[0].status == DeviceStatus::PaperLow);
}

TEST_CASE("printer.unplugged emulator: job waits, replug prints it", "[printer]") {
    Demo d;
    d.devices->demoTransport()->unplug();
    std::optional<Result<void>> outcome;
    d.devices->printer().print(test::referenceReceipt(), [&](Result<void> r) { outcome = std::move(r); });
    REQUIRE(d.pumpUntil([&] { return d.sawStatus(DeviceStatus::Absent); }));
    std::this_thread::sleep_for(100ms);
    d.ui.runPending();
    CHECK_FALSE(outcome.has_value());
    d.devices->demoTransport()->plug();
    REQUIRE(d.pumpUntil([&] { return outcome.has_value(); }));
    CHECK(outcome->ok());
}

TEST_CASE("printer.stopping with jobs left reports them cancelled", "[printer]") {
    Demo d;
    d.devices->demoPrinter()->setCoverOpen(true);
    std::optional<Result<void>> outcome;
    d.devices->printer().print(test::referenceReceipt(), [&](Result<void> r) { outcome = std::move(r); });
    REQUIRE(d.pumpUntil([&] { return d.sawStatus(DeviceStatus::CoverOpen); }));
    d.devices->stop();
    REQUIRE(d.pumpUntil([&] { return outcome.has_value(); }));
    REQUIRE_FALSE(outcome->ok());
    CHECK(outcome->error().code == ErrorCode::Cancelled);
}

TEST_CASE("printer.unknown profile is an operator error", "[printer]") {
    MainThreadQueue ui;
    DeviceManagerConfig c;
    c.demo = true;
    c.printerProfile = "no-such-printer";
    c.profilesDir = test::profilesDir();
    DeviceManager m(ui, c);
    auto r = m.start();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("no-such-printer") != std::string::npos);
    std::optional<Result<void>> outcome;
    m.printer().print(test::referenceReceipt(), [&](Result<void> res) { outcome = std::move(res); });
    REQUIRE(outcome.has_value());
    CHECK_FALSE(outcome->ok());
}

#include <toml++/toml.h>

#include "kiosk/devices/device_config.hpp"

TEST_CASE("printer.terminal config [printer] table", "[printer]") {
    auto parse = [](const char* text) { return deviceConfigFromToml(toml::parse(text), "terminal.toml"); };
    auto none = parse("town = \"X\"\n");
    REQUIRE(none.ok());
    CHECK_FALSE(none->demo);
    auto demo = parse("[printer]\nmode = \"demo\"\nprofile = \"pos58\"\nreceipts_png = \"out\"\nretry_seconds = 2.5\n");
    REQUIRE(demo.ok());
    CHECK(demo->demo);
    CHECK(demo->printerProfile == "pos58");
    CHECK(demo->receiptPngDir == "out");
    CHECK(demo->printer.retryInterval == 2500ms);
    auto badMode = parse("[printer]\nmode = \"wifi\"\n");
    REQUIRE_FALSE(badMode.ok());
    CHECK(badMode.error().message == "terminal.toml:2: printer.mode must be \"usb\" or \"demo\"");
    auto unknown = parse("[printer]\n\ncolour = 1\n");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.rfind("terminal.toml:3: unknown key printer.colour", 0) == 0);
    auto retry = parse("[printer]\nretry_seconds = -1\n");
    CHECK_FALSE(retry.ok());
}
