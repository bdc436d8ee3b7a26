// The IPP-over-USB path end to end: real libusb (umockdev-faked device) → UsbStream →
// HttpClient → EsclClient, against the emulated scanner behind three 7/1/4 interfaces.
#include <catch2/catch.hpp>

#include <thread>

#include "drivers/escl/escl_client.hpp"
#include "drivers/escl/scanner_connection.hpp"
#include "drivers/escl/usb_stream.hpp"
#include "tests/escl/escl_rig.hpp"
#include "tests/escl/ippusb_scanner_function.hpp"
#include "tests/support/umockdev/scripted_usb_function.hpp"
#include "tests/support/umockdev/umockdev_testbed.hpp"

using namespace guichet;
using namespace guichet::escl;
using guichet::test::jpegInfo;
using guichet::test::settingsAt;

namespace {

std::shared_ptr<usb::UsbContext> newContext() {
    auto ctx = usb::UsbContext::create();
    REQUIRE(ctx.ok());
    return *ctx;
}

}  // namespace

TEST_CASE("escl.umockdev discovery finds the scanner and all its IPP-over-USB interfaces", "[umockdev]") {
    test::UmockdevTestbed tb;
    emu::EsclEmulator emulator;
    auto fn = std::make_shared<test::IppUsbScannerFunction>(emulator);
    tb.plug(test::fakeIppUsbScannerSpec(), fn, {.port = 4});
    // A plain receipt printer (7/1/2 only) must not be taken for a scanner.
    tb.plug(test::epsonTmT20iii(), std::make_shared<test::ScriptedUsbFunction>(), {.port = 5});
    auto ctx = newContext();
    auto found = findIppUsbDevices(*ctx);
    REQUIRE(found.ok());
    REQUIRE(found->size() == 1);
    const auto& d = found->front();
    CHECK(d.first.vendorId == test::kFakeScannerVid);
    CHECK(d.first.id() == "usb:1d6b:5c4e@1-4");
    REQUIRE(d.interfaces.size() == 3);
    CHECK(d.interfaces[0].number == 1);
    CHECK(d.interfaces[2].bulkIn == 0x84);
    CHECK(findIppUsbDevices(*ctx, 0x1234, 0x5678)->empty());

    auto addr = parseScannerAddress("usb:1d6b:5c4e");
    REQUIRE(addr.ok());
    auto conn = openScanner(*addr, ctx, Millis(1000));
    REQUIRE(conn.ok());
    CHECK((*conn)->streams.size() == 3);
    CHECK((*conn)->id == "usb:1d6b:5c4e@1-4");
}

TEST_CASE("escl.umockdev feeder job over libusb, status on another interface", "[umockdev]") {
    test::UmockdevTestbed tb;
    emu::EmulatorBehaviour b;
    b.feederSheets = 2;
    b.chunkSize = 8000;
    b.locationPrefix = "http://localhost:60000";
    emu::EsclEmulator emulator(b);
    auto fn = std::make_shared<test::IppUsbScannerFunction>(emulator);
    tb.plug(test::fakeIppUsbScannerSpec(), fn, {.port = 2});
    auto ctx = newContext();
    auto conn = openScanner(*parseScannerAddress("auto"), ctx, Millis(1000));
    REQUIRE(conn.ok());
    HttpClient jobHttp((*conn)->jobStream());
    HttpClient statusHttp((*conn)->statusStream());
    EsclClient client(jobHttp, {"/eSCL", {5, Millis(10)}});
    EsclClient statusClient(statusHttp);
    REQUIRE(client.capabilities().ok());
    std::vector<Bytes> pages;
    auto n = client.scan(settingsAt(150, InputSource::Feeder), [&](Bytes&& p, int) -> Result<void> {
        // While the job runs, the other interface answers status requests.
        auto st = statusClient.status();
        CHECK(st.ok());
        pages.push_back(std::move(p));
        return {};
    });
    REQUIRE(n.ok());
    CHECK(*n == 2);
    CHECK(jpegInfo(pages.at(0)).width == 1240);
    CHECK(jpegInfo(pages.at(1)).height == 1754);
    CHECK(fn->requestsOn(1) > 0);
    CHECK(fn->requestsOn(2) > 0);
    CHECK(fn->largestIn() <= UsbStream::kMaxRead);
    CHECK(fn->softResets(1) == 0);
}

TEST_CASE("escl.umockdev timeout mid-answer: SOFT_RESET on that interface, then it works", "[umockdev]") {
    test::UmockdevTestbed tb;
    emu::EmulatorBehaviour b;
    b.pageDelay = std::chrono::milliseconds(700);
    emu::EsclEmulator emulator(b);
    auto fn = std::make_shared<test::IppUsbScannerFunction>(emulator);
    tb.plug(test::fakeIppUsbScannerSpec(), fn, {.port = 2});
    auto ctx = newContext();
    auto conn = openScanner(*parseScannerAddress("auto"), ctx, Millis(1000));
    REQUIRE(conn.ok());
    HttpClient::Options o;
    o.ioTimeout = Millis(250);
    HttpClient http((*conn)->jobStream(), o);
    EsclClient client(http);
    auto job = client.createJob(settingsAt(75));
    REQUIRE(job.ok());
    auto page = client.nextDocument(*job);
    REQUIRE_FALSE(page.ok());
    CHECK(page.error().code == ErrorCode::Timeout);
    CHECK(fn->softResets(1) == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    auto st = client.status();  // the late page was dropped by the reset: a clean answer
    REQUIRE(st.ok());
    CHECK(st->state == ScannerState::Processing);
}

TEST_CASE("escl.umockdev unplug during a job: Disconnected, no hang", "[umockdev]") {
    test::UmockdevTestbed tb;
    emu::EmulatorBehaviour b;
    b.pageDelay = std::chrono::milliseconds(3000);
    emu::EsclEmulator emulator(b);
    auto fn = std::make_shared<test::IppUsbScannerFunction>(emulator);
    auto dev = tb.plug(test::fakeIppUsbScannerSpec(), fn, {.port = 2});
    auto ctx = newContext();
    auto conn = openScanner(*parseScannerAddress("auto"), ctx, Millis(1000));
    REQUIRE(conn.ok());
    HttpClient http((*conn)->jobStream());
    EsclClient client(http);
    std::thread unplugger([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        tb.unplug(dev);
    });
    auto start = Clock::now();
    std::vector<Bytes> pages;
    auto n = client.scan(settingsAt(75), [&](Bytes&& p, int) -> Result<void> {
        pages.push_back(std::move(p));
        return {};
    });
    unplugger.join();
    REQUIRE_FALSE(n.ok());
    CHECK(n.error().code == ErrorCode::Disconnected);
    CHECK(Clock::now() - start < std::chrono::milliseconds(2500));
    CHECK(pages.empty());
}

TEST_CASE("escl.umockdev no scanner attached: a clear NotFound", "[umockdev]") {
    test::UmockdevTestbed tb;
    tb.plug(test::epsonTmT20iii(), std::make_shared<test::ScriptedUsbFunction>(), {.port = 5});
    auto ctx = newContext();
    auto conn = openScanner(*parseScannerAddress("auto"), ctx, Millis(500));
    REQUIRE_FALSE(conn.ok());
    CHECK(conn.error().code == ErrorCode::NotFound);
    CHECK(conn.error().message == "no IPP-over-USB scanner is connected");
}
