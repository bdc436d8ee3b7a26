// What `guichetctl devices` prints: stable JSON keys, plain French text, ignored devices with
// their reason; the manager's table answers for every kind it hosts, seen or not.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "kiosk/devices/devices_report.hpp"
#include "kiosk/hardware/terminal_devices.hpp"

using namespace guichet;

TEST_CASE("devices.report JSON keys and French text", "[devices]") {
    std::vector<DeviceEvent> list{
        {DeviceKind::Printer, "usb:04b8:0e28@1-2", DeviceStatus::PaperOut, "paper out"},
        {DeviceKind::CardReader, "usb:08e6:3437@1-4", DeviceStatus::NoCard, ""},
        {DeviceKind::Scanner, "", DeviceStatus::Absent, ""},
        {DeviceKind::CardReader, "usb:072f:2200@1-5", DeviceStatus::Unknown, "", "un autre lecteur est déjà utilisé"},
    };
    auto j = nlohmann::json::parse(devicesJson(list));
    REQUIRE(j["devices"].size() == 4);
    for (const auto& d : j["devices"]) {
        for (const char* key : {"kind", "id", "state", "in_use", "detail", "ignored_because"}) CHECK(d.contains(key));
        CHECK(d.size() == 6);
    }
    CHECK(j["devices"][0]["state"] == "paper-out");
    CHECK(j["devices"][0]["in_use"] == true);
    CHECK(j["devices"][1]["kind"] == "card-reader");
    CHECK(j["devices"][1]["state"] == "no-card");
    CHECK(j["devices"][2]["state"] == "absent");
    CHECK(j["devices"][2]["in_use"] == false);
    CHECK(j["devices"][3]["state"] == "ignored");
    CHECK(j["devices"][3]["in_use"] == false);
    CHECK(j["devices"][3]["ignored_because"] == "un autre lecteur est déjà utilisé");

    const std::string text = devicesText(list);
    CHECK(text.find("Imprimante de tickets : plus de papier (usb:04b8:0e28@1-2)") != std::string::npos);
    CHECK(text.find("Lecteur de cartes : en service, pas de carte (usb:08e6:3437@1-4)") != std::string::npos);
    CHECK(text.find("Scanner : aucun appareil branché\n") != std::string::npos);
    CHECK(text.find("Lecteur de cartes : ignoré (usb:072f:2200@1-5) — un autre lecteur est déjà utilisé") != std::string::npos);
    std::set<std::string> labels;  // one distinct French label per state
    for (auto s : {DeviceStatus::Absent, DeviceStatus::Ready, DeviceStatus::Busy, DeviceStatus::PaperLow, DeviceStatus::PaperOut,
                   DeviceStatus::CoverOpen, DeviceStatus::NoCard, DeviceStatus::CardPresent, DeviceStatus::FeederEmpty,
                   DeviceStatus::Jam, DeviceStatus::Error, DeviceStatus::Unknown})
        labels.insert(deviceStatusLabelFr(s));
    CHECK(labels.size() == 12);
}

TEST_CASE("devices.manager lists every hosted kind, absent before any device is seen", "[devices]") {
    MainThreadQueue ui;
    TerminalDevicesConfig c;
    c.printer.demo = true;
    c.printer.profilesDir = std::string(GUICHET_SOURCE_DIR) + "/config/printers";
    c.card = card::demoCardConfig();
    c.cardDemo = true;
    scan::ScannerConfig s;
    s.device = "http://127.0.0.1:9/eSCL";  // discard port: nobody answers
    s.requestTimeout = escl::Millis(500);
    c.scanner = s;
    auto d = makeTerminalDevices(ui, c);
    REQUIRE(d.card != nullptr);
    REQUIRE(d.scanner != nullptr);
    auto before = d.manager->devices();
    REQUIRE(before.size() == 3);
    CHECK(before[0].kind == DeviceKind::Printer);
    CHECK(before[1].kind == DeviceKind::CardReader);
    CHECK(before[2].kind == DeviceKind::Scanner);
    for (const auto& e : before) CHECK(e.status == DeviceStatus::Absent);

    REQUIRE(d.manager->start().ok());
    auto list = settledDevices(ui, *d.manager);
    REQUIRE(list.size() == 3);
    CHECK(list[0].status == DeviceStatus::Ready);     // the emulated printer
    CHECK(list[0].deviceId == "emulator:printer");
    CHECK(list[1].status == DeviceStatus::NoCard);    // the emulated reader, slot empty
    CHECK(list[1].deviceId == "emulator:card-reader");
    CHECK(list[2].status == DeviceStatus::Absent);    // nobody on the scanner's address
    REQUIRE(d.card->service() != nullptr);
    d.manager->stop();
    CHECK(d.card->service() == nullptr);
}
