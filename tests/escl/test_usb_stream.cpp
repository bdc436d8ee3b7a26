// The eSCL client over the IPP-over-USB byte stream (UsbStream on a usb::Transport), here
// with the emulated interface as the Transport: reads ≤ 16 KiB, every answer read to its
// end, SOFT_RESET after a timeout, unplug. The libusb + umockdev run is separate.
#include <catch2/catch.hpp>

#include "drivers/emulators/escl/emulated_ippusb_interface.hpp"
#include "drivers/emulators/escl/emulator_stream.hpp"
#include "drivers/escl/escl_client.hpp"
#include "drivers/escl/usb_stream.hpp"
#include "tests/escl/escl_rig.hpp"

using namespace guichet;
using namespace guichet::escl;
using guichet::test::jpegInfo;
using guichet::test::settingsAt;

TEST_CASE("escl.usb feeder job over an emulated IPP-over-USB interface") {
    emu::EmulatorBehaviour b;
    b.feederSheets = 2;
    b.chunkSize = 3000;
    emu::EsclEmulator emulator(b);
    auto iface = std::make_shared<emu::EmulatedIppUsbInterface>(emulator, 1);
    UsbStream stream(iface, 1, "usb test if1");
    HttpClient http(stream);
    EsclClient client(http, {"/eSCL", {3, Millis(5)}});
    std::vector<Bytes> pages;
    auto n = client.scan(settingsAt(150, InputSource::Feeder), [&](Bytes&& p, int) -> Result<void> {
        pages.push_back(std::move(p));
        return {};
    });
    REQUIRE(n.ok());
    CHECK(*n == 2);
    CHECK(jpegInfo(pages.at(1)).width == 1240);
    CHECK(iface->largestRead() <= UsbStream::kMaxRead);
    CHECK(iface->softResets() == 0);
    CHECK(emulator.stats().lastHostHeader == "localhost");
}

TEST_CASE("escl.usb timeout mid-answer: soft reset, then the interface works again") {
    emu::EmulatorBehaviour b;
    b.pageDelay = std::chrono::milliseconds(500);
    emu::EsclEmulator emulator(b);
    auto iface = std::make_shared<emu::EmulatedIppUsbInterface>(emulator, 2);
    UsbStream stream(iface, 2, "usb test if2");
    HttpClient::Options o;
    o.ioTimeout = Millis(150);
    HttpClient http(stream, o);
    EsclClient client(http);
    auto job = client.createJob(settingsAt(75));
    REQUIRE(job.ok());
    auto page = client.nextDocument(*job);
    REQUIRE_FALSE(page.ok());
    CHECK(page.error().code == ErrorCode::Timeout);
    CHECK(iface->softResets() == 1);
    // The late page must not be taken for the answer to the next request.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    auto st = client.status();
    REQUIRE(st.ok());
    CHECK(st->state == ScannerState::Processing);
}

TEST_CASE("escl.usb unplug gives Disconnected at once") {
    emu::EsclEmulator emulator;
    auto iface = std::make_shared<emu::EmulatedIppUsbInterface>(emulator, 1);
    UsbStream stream(iface, 1, "usb test");
    HttpClient http(stream);
    EsclClient client(http);
    REQUIRE(client.status().ok());
    emulator.update([](emu::EmulatorBehaviour& e) { e.unplugged = true; });
    auto start = Clock::now();
    auto st = client.status();
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::Disconnected);
    CHECK(Clock::now() - start < std::chrono::milliseconds(500));
}

TEST_CASE("escl.usb in-process emulator stream: same flow, Connection: close handled") {
    emu::EmulatorBehaviour b;
    b.closeAfterEachResponse = true;
    emu::EsclEmulator emulator(b);
    emu::EmulatorStream stream(emulator);
    HttpClient http(stream);
    EsclClient client(http);
    std::vector<Bytes> pages;
    REQUIRE(client.scan(settingsAt(75), [&](Bytes&& p, int) -> Result<void> {
        pages.push_back(std::move(p));
        return {};
    }).ok());
    CHECK(pages.size() == 1);
    CHECK(stream.resets() == 1);  // before NextDocument: the POST answer said "close"
    REQUIRE(client.status().ok());
    CHECK(stream.resets() == 2);
}
