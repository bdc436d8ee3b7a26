// Capabilities and status parsing on real devices' documents (tests/data/device-data/escl:
// HP M426fdn, HP ScanJet Pro 4500, Kyocera M2040dn, Xerox B235 — via OpenPrinting/go-mfp
// and manuc66/node-hp-scan-to) and on hand-written odd ones.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "drivers/escl/capabilities.hpp"
#include "drivers/escl/scanner_status.hpp"

using namespace guichet;
using namespace guichet::escl;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string deviceData(const char* name) {
    // Real devices' documents, copied into the repository (tests/data/README.md).
    return readFile(std::string(GUICHET_SOURCE_DIR) + "/tests/data/device-data/escl/" + name);
}

std::string testData(const char* name) { return readFile(std::string(GUICHET_SOURCE_DIR) + "/tests/escl/data/" + name); }

}  // namespace

TEST_CASE("escl.caps HP M426fdn: platen + feeder with duplex, one-line document") {
    auto caps = parseCapabilities(deviceData("HP-LaserJet-MFP-M426fdn-ScannerCapabilities.xml"));
    REQUIRE(caps.ok());
    CHECK(caps->makeAndModel == "HP LaserJet MFP M426fdn");
    CHECK(caps->version == "2.5");
    REQUIRE(caps->platen);
    CHECK(caps->platen->maxWidth == 2550);
    CHECK(caps->platen->maxHeight == 3508);
    CHECK(caps->platen->supportsColorMode(ColorMode::RGB24));
    CHECK(caps->platen->supportsColorMode(ColorMode::Grayscale8));
    CHECK_FALSE(caps->platen->supportsColorMode(ColorMode::BlackAndWhite1));
    CHECK(caps->platen->documentFormats == std::vector<std::string>{"image/jpeg", "application/pdf"});
    CHECK(caps->platen->resolutions.size() == 5);
    CHECK(caps->platen->nearestResolution(300) == 300);
    CHECK(caps->platen->maxOpticalResolution == 1200);
    REQUIRE(caps->adfSimplex);
    REQUIRE(caps->adfDuplex);
    CHECK(caps->hasFeeder());
    CHECK(caps->adfSimplex->maxHeight == 4500);
    CHECK(caps->adfSimplex->nearestResolution(600) == 300);  // the feeder stops at 300 dpi
    CHECK(caps->feederCapacity == 50);
}

TEST_CASE("escl.caps Kyocera M2040dn: non-square resolutions, no MaxScanRegions") {
    auto caps = parseCapabilities(deviceData("Kyocera-ECOSYS-M2040dn-ScannerCapabilities.xml"));
    REQUIRE(caps.ok());
    REQUIRE(caps->platen);
    CHECK(caps->platen->supportsColorMode(ColorMode::BlackAndWhite1));
    auto& r = caps->adfSimplex->resolutions;
    CHECK(std::find(r.begin(), r.end(), std::pair{200, 100}) != r.end());
    CHECK(std::find(r.begin(), r.end(), std::pair{200, 400}) != r.end());
    // Non-square entries are never chosen for a square request.
    CHECK(caps->adfSimplex->nearestResolution(250) == 300);
    CHECK(caps->feederCapacity == 75);
    CHECK(caps->adfDuplex);
}

TEST_CASE("escl.caps Xerox B235: feeder simplex only, no capacity stated") {
    auto caps = parseCapabilities(deviceData("Xerox-B235-ScannerCapabilities.xml"));
    REQUIRE(caps.ok());
    CHECK(caps->makeAndModel == "Xerox(R) B235 MFP");
    CHECK(caps->adfSimplex);
    CHECK_FALSE(caps->adfDuplex);
    CHECK(caps->feederCapacity == 0);
    CHECK(caps->platen->supportsFormat("image/jpeg"));
}

TEST_CASE("escl.caps HP ScanJet 4500: reflowed whitespace, AutoColorDetection ignored") {
    auto caps = parseCapabilities(deviceData("HP-ScanJet-Pro-4500-fn1-ScannerCapabilities.xml"));
    REQUIRE(caps.ok());
    CHECK(caps->makeAndModel == "HP ScanJet Pro 4500 fn1");
    CHECK(caps->uuid == "FC944F9F-3A57-4d62-82CF-2E557AF58D55");
    CHECK(caps->platen->colorModes.size() == 3);  // the fourth one is not a mode we can ask for
    CHECK(caps->adfSimplex->maxHeight == 36600);
    CHECK(caps->adfDuplex);
}

TEST_CASE("escl.caps platen only: the HP document with its feeder cut out") {
    std::string xml = deviceData("HP-LaserJet-MFP-M426fdn-ScannerCapabilities.xml");
    auto from = xml.find("<scan:Adf>");
    auto to = xml.find("</scan:Adf>");
    REQUIRE(from != std::string::npos);
    xml.erase(from, to + std::string("</scan:Adf>").size() - from);
    auto caps = parseCapabilities(xml);
    REQUIRE(caps.ok());
    CHECK(caps->platen);
    CHECK_FALSE(caps->hasFeeder());
    CHECK(caps->input(InputSource::Feeder) == nullptr);
}

TEST_CASE("escl.caps default namespace, resolution range, optional parts missing") {
    auto caps = parseCapabilities(testData("platen-only-default-namespace.xml"));
    REQUIRE(caps.ok());
    CHECK(caps->makeAndModel.empty());
    CHECK(caps->version == "2.0");
    REQUIRE(caps->platen);
    CHECK_FALSE(caps->hasFeeder());
    REQUIRE(caps->platen->resolutionRange);
    CHECK(caps->platen->nearestResolution(300) == 300);
    CHECK(caps->platen->nearestResolution(320) == 300);
    CHECK(caps->platen->nearestResolution(330) == 350);
    CHECK(caps->platen->nearestResolution(2000) == 600);
    CHECK(caps->platen->nearestResolution(10) == 100);
    CHECK(caps->platen->maxOpticalResolution == 0);
}

TEST_CASE("escl.caps odd prefixes, vendor namespace, duplex-only feeder") {
    auto caps = parseCapabilities(testData("odd-prefixes-duplex-only-feeder.xml"));
    REQUIRE(caps.ok());
    CHECK(caps->makeAndModel == "Acme ScanBox 9");
    CHECK(caps->platen->colorModes == std::vector<ColorMode>{ColorMode::RGB24});
    CHECK(caps->platen->supportsFormat("image/jpeg"));
    CHECK(caps->platen->supportsFormat("application/pdf"));
    REQUIRE(caps->hasFeeder());
    CHECK(caps->adfSimplex->nearestResolution(300) == 200);
    CHECK(caps->adfSimplex->minWidth == 0);  // not stated
}

TEST_CASE("escl.caps rejects what is not a usable capabilities document") {
    auto notXml = parseCapabilities("<scan:ScannerCapabilities><unclosed>");
    REQUIRE_FALSE(notXml.ok());
    CHECK(notXml.error().code == ErrorCode::Protocol);
    CHECK(notXml.error().message.find("not valid XML") != std::string::npos);
    auto wrongRoot = parseCapabilities("<scan:ScannerStatus xmlns:scan=\"x\"/>");
    REQUIRE_FALSE(wrongRoot.ok());
    CHECK(wrongRoot.error().message.find("ScannerStatus") != std::string::npos);
    CHECK_FALSE(parseCapabilities("<ScannerCapabilities><Version>2.0</Version></ScannerCapabilities>").ok());
    CHECK_FALSE(parseCapabilities("").ok());
    CHECK_FALSE(parseCapabilities(
        "<ScannerCapabilities><Platen><PlatenInputCaps><MaxWidth>10</MaxWidth></PlatenInputCaps></Platen></ScannerCapabilities>").ok());
}

TEST_CASE("escl.status HP idle, feeder empty, completed jobs") {
    auto st = parseScannerStatus(deviceData("HP-LaserJet-MFP-M426fdn-ScannerStatus.xml"));
    REQUIRE(st.ok());
    CHECK(st->state == ScannerState::Idle);
    CHECK(st->adf == AdfState::Empty);
    REQUIRE(st->jobs.size() == 2);
    CHECK(st->jobs[0].uri == "/eSCL/ScanJobs/1005");
    CHECK(st->jobs[0].state == "Completed");
    CHECK(st->jobs[0].imagesCompleted == 1);
    CHECK(st->job("/eSCL/ScanJobs/1004") != nullptr);
    CHECK(st->job("/eSCL/ScanJobs/9") == nullptr);
}

TEST_CASE("escl.status Kyocera processing, urn job URIs") {
    auto st = parseScannerStatus(deviceData("Kyocera-ECOSYS-M2040dn-ScannerStatus.xml"));
    REQUIRE(st.ok());
    CHECK(st->state == ScannerState::Processing);
    CHECK(st->adf == AdfState::Processing);
    REQUIRE(!st->jobs.empty());
    CHECK(st->jobs[0].reasons == std::vector<std::string>{"JobScanningAndTransferring"});
    CHECK(st->job("http://KM7B6A91.local/eSCL/ScanJobs/urn:uuid:4509a320-00a0-008f-00b6-00559a327d32") != nullptr);
}

TEST_CASE("escl.status jam, no feeder, garbage") {
    auto jam = parseScannerStatus("<s:ScannerStatus xmlns:s=\"a\" xmlns:p=\"b\"><p:State>Stopped</p:State>"
                                  "<s:AdfState>ScannerAdfJam</s:AdfState></s:ScannerStatus>");
    REQUIRE(jam.ok());
    CHECK(jam->state == ScannerState::Stopped);
    CHECK(jam->adf == AdfState::Jam);
    auto noFeeder = parseScannerStatus("<ScannerStatus><State>Idle</State></ScannerStatus>");
    REQUIRE(noFeeder.ok());
    CHECK(noFeeder->adf == AdfState::Absent);
    CHECK_FALSE(parseScannerStatus("\x01\x02garbage").ok());
}

TEST_CASE("escl.settings XML carries what the job asks for") {
    ScanSettings s;
    s.source = InputSource::Feeder;
    s.colorMode = ColorMode::Grayscale8;
    s.xResolution = s.yResolution = 200;
    std::string x = scanSettingsXml(s);
    CHECK(x.find("<pwg:Version>2.0</pwg:Version>") != std::string::npos);
    CHECK(x.find("<pwg:InputSource>Feeder</pwg:InputSource>") != std::string::npos);
    CHECK(x.find("<scan:ColorMode>Grayscale8</scan:ColorMode>") != std::string::npos);
    CHECK(x.find("<pwg:Width>2480</pwg:Width>") != std::string::npos);
    CHECK(x.find("<pwg:Height>3508</pwg:Height>") != std::string::npos);
    CHECK(x.find("escl:ThreeHundredthsOfInches") != std::string::npos);
    CHECK(x.find("<scan:XResolution>200</scan:XResolution>") != std::string::npos);
    CHECK(x.find("<scan:Intent>Document</scan:Intent>") != std::string::npos);
    s.documentFormat = "image/jpeg\"<&";
    CHECK(scanSettingsXml(s).find("image/jpeg&quot;&lt;&amp;") != std::string::npos);
}
