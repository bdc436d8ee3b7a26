// The scanner service on the real libusb path (umockdev fake IPP-over-USB scanner): found
// with device = "auto", scans, and follows unplug / replug through libusb hotplug — with
// the status poll set to a minute, so only hotplug can explain a prompt change.
#include <catch2/catch.hpp>

#include "kiosk/scan/escl_scanner_service.hpp"
#include "kiosk/scan/scanned_document.hpp"
#include "tests/escl/ippusb_scanner_function.hpp"
#include "tests/scan/scan_test_support.hpp"
#include "tests/support/umockdev/umockdev_testbed.hpp"

using namespace guichet;
using namespace guichet::scan;
using guichet::test::pumpUntil;

TEST_CASE("scan.usb service over libusb: scan two pages, unplug → Absent, replug → Ready", "[umockdev]") {
    test::UmockdevTestbed tb;
    emu::EmulatorBehaviour b;
    b.feederSheets = 2;
    emu::EsclEmulator emulator(b);
    auto fn = std::make_shared<test::IppUsbScannerFunction>(emulator);
    auto dev = tb.plug(test::fakeIppUsbScannerSpec(), fn, {.port = 3});

    MainThreadQueue ui;
    ScannerConfig config;
    config.device = "auto";
    config.statusPoll = escl::Millis(60000);
    config.retry = {5, escl::Millis(10)};
    std::vector<DeviceEvent> events;
    EsclScannerService service(config, ui);
    service.setStatusListener([&](const DeviceEvent& e) { events.push_back(e); });
    REQUIRE(pumpUntil(ui, [&] { return service.status() == DeviceStatus::Ready; }));
    CHECK(service.deviceId() == "usb:1d6b:5c4e@1-3");

    bool done = false;
    std::optional<Result<std::vector<ScannedPage>>> result;
    service.scan(ScanRequest{true, true, 150}, {}, [&](Result<std::vector<ScannedPage>> r) {
        result.emplace(std::move(r));
        done = true;
    });
    REQUIRE(pumpUntil(ui, [&] { return done; }));
    REQUIRE(result->ok());
    REQUIRE((*result)->size() == 2);
    CHECK((**result)[1].widthPx == 1240);
    ScannedDocument doc;
    doc.setPending(std::move(**result));
    doc.keepPending();
    auto a = doc.toAttachment({});
    REQUIRE(a.ok());
    CHECK(test::asString(a->data).find("/Count 2") != std::string::npos);

    auto unpluggedAt = std::chrono::steady_clock::now();
    tb.unplug(dev);
    REQUIRE(pumpUntil(ui, [&] { return service.status() == DeviceStatus::Absent; }, std::chrono::milliseconds(5000)));
    CHECK(std::chrono::steady_clock::now() - unpluggedAt < std::chrono::seconds(5));
    REQUIRE(!events.empty());
    CHECK(events.back().status == DeviceStatus::Absent);
    CHECK(events.back().deviceId == "usb:1d6b:5c4e@1-3");

    auto fn2 = std::make_shared<test::IppUsbScannerFunction>(emulator);
    tb.plug(test::fakeIppUsbScannerSpec(), fn2, {.port = 3});
    REQUIRE(pumpUntil(ui, [&] { return service.status() == DeviceStatus::Ready; }, std::chrono::milliseconds(5000)));
    CHECK(events.back().status == DeviceStatus::Ready);
}
