// The card service as the terminal runs it: libusb hotplug finds the reader, the interrupt
// endpoint tells about the card, the identifier is read, unplug and replug are ordinary.
#include <catch2/catch.hpp>

#include <thread>

#include "kiosk/card/reader_sources.hpp"
#include "tests/ccid/usb/ccid_fake_usb.hpp"
#include "tests/support/umockdev/umockdev_testbed.hpp"

using namespace guichet;
using namespace guichet::card;
using namespace std::chrono_literals;

namespace {

template <class P>
bool pump(MainThreadQueue& q, P pred, std::chrono::milliseconds limit = 5000ms) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        q.runPending();
        if (pred()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return pred();
}

}  // namespace

TEST_CASE("card.usb hotplug, card insertion, read, removal, unplug and replug", "[card][umockdev]") {
    for (auto model : {emu::idBridgeCt30(), emu::acr122u()}) {
        INFO(model.name);
        test::UmockdevTestbed tb;
        auto reader = std::make_shared<emu::EmulatedCcidReader>(model);
        auto dev = tb.plug(ccidtest::fakeSpec(model), std::make_shared<ccidtest::CcidUsbFunction>(reader), {.port = 4});

        CardConfig config;
        if (model.answersGetUid) {
            config.source = IdentifierSource::ContactlessUid;
        } else {
            config.aid = emu::cityCardAid();
            config.fileId = 0xE101;
            config.length = 15;
        }
        MainThreadQueue ui;
        std::vector<DeviceEvent> events;
        CardService service(config, ui, [&](const DeviceEvent& e) { events.push_back(e); });
        auto ctx = usb::UsbContext::create();
        REQUIRE(ctx.ok());
        auto watcher = UsbReaderWatcher::start(*ctx, service);
        REQUIRE(watcher.ok());

        REQUIRE(pump(ui, [&] { return service.status() == DeviceStatus::NoCard; }));
        char id[40];
        std::snprintf(id, sizeof id, "usb:%04x:%04x@1-4", model.vendorId, model.productId);
        CHECK(service.deviceId() == id);

        reader->insertCard(model.answersGetUid ? emu::contactlessCityCard() : emu::cityCardT1());
        REQUIRE(pump(ui, [&] { return service.status() == DeviceStatus::CardPresent; }));

        std::optional<Result<std::string>> got;
        service.readIdentifier([&](Result<std::string> r) { got = std::move(r); });
        REQUIRE(pump(ui, [&] { return got.has_value(); }));
        REQUIRE(got->ok());
        CHECK(got->value() == (model.answersGetUid ? "04523A6A912B80" : "CV-75056-004217"));

        reader->removeCard();  // "reprenez votre carte"
        REQUIRE(pump(ui, [&] { return service.status() == DeviceStatus::NoCard; }));

        tb.unplug(dev);
        REQUIRE(pump(ui, [&] { return service.status() == DeviceStatus::Absent; }));

        auto again = std::make_shared<emu::EmulatedCcidReader>(model);
        again->insertCard(model.answersGetUid ? emu::contactlessCityCard() : emu::cityCardT0());
        tb.plug(ccidtest::fakeSpec(model), std::make_shared<ccidtest::CcidUsbFunction>(again), {.port = 4});
        REQUIRE(pump(ui, [&] { return service.status() == DeviceStatus::CardPresent; }));
        (*watcher)->stop();

        std::vector<DeviceStatus> seen;
        for (const auto& e : events) seen.push_back(e.status);
        CHECK(std::count(seen.begin(), seen.end(), DeviceStatus::Absent) == 1);
        CHECK(std::count(seen.begin(), seen.end(), DeviceStatus::Busy) == 1);
    }
}
