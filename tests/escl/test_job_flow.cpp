// The whole eSCL job flow against the emulated scanner over real TCP loopback: one page,
// several from the feeder, 503s, chunked bodies, a bogus Location host, cancel, feeder
// empty, jam, slow pages, a device that vanishes mid-page.
#include <catch2/catch.hpp>

#include <thread>

#include "tests/escl/escl_rig.hpp"

using namespace guichet;
using namespace guichet::escl;
using guichet::test::jpegInfo;
using guichet::test::settingsAt;
using guichet::test::TcpRig;

namespace {

struct Collected {
    std::vector<Bytes> pages;
    EsclClient::PageSink sink() {
        return [this](Bytes&& page, int index) -> Result<void> {
            CHECK(index == static_cast<int>(pages.size()));
            pages.push_back(std::move(page));
            return {};
        };
    }
};

}  // namespace

TEST_CASE("escl.flow capabilities and status from the emulator") {
    TcpRig rig;
    auto caps = rig.client->capabilities();
    REQUIRE(caps.ok());
    CHECK(caps->makeAndModel == "Guichet eSCL Emulator");
    CHECK(caps->hasFeeder());
    CHECK(caps->platen->nearestResolution(300) == 300);
    auto st = rig.client->status();
    REQUIRE(st.ok());
    CHECK(st->state == ScannerState::Idle);
    CHECK(st->adf == AdfState::Empty);
    CHECK(rig.emulator.stats().lastHostHeader == "localhost");
}

TEST_CASE("escl.flow single platen page at 300 dpi colour") {
    TcpRig rig;
    Collected got;
    auto pages = rig.client->scan(settingsAt(300), got.sink());
    REQUIRE(pages.ok());
    CHECK(*pages == 1);
    REQUIRE(got.pages.size() == 1);
    auto info = jpegInfo(got.pages[0]);
    CHECK(info.width == 2480);
    CHECK(info.height == 3508);
    CHECK(info.colorspace == TJCS_YCbCr);
    CHECK(rig.client->lastCondition() == ScannerCondition::Ready);
    auto stats = rig.emulator.stats();
    CHECK(stats.jobsCreated == 1);
    CHECK(stats.lastScanSettings.find("<pwg:InputSource>Platen</pwg:InputSource>") != std::string::npos);
    // One connection served everything: keep-alive, each response read to its end.
    CHECK(rig.server->connectionsAccepted() == 1);
    CHECK(rig.http->resetCount() == 0);
}

TEST_CASE("escl.flow grey page from the platen") {
    TcpRig rig;
    Collected got;
    REQUIRE(rig.client->scan(settingsAt(100, InputSource::Platen, ColorMode::Grayscale8), got.sink()).ok());
    auto info = jpegInfo(got.pages.at(0));
    CHECK(info.width == 826);
    CHECK(info.colorspace == TJCS_GRAY);
}

TEST_CASE("escl.flow multi-page feeder job") {
    emu::EmulatorBehaviour b;
    b.feederSheets = 3;
    TcpRig rig(b);
    Collected got;
    auto pages = rig.client->scan(settingsAt(75, InputSource::Feeder), got.sink());
    REQUIRE(pages.ok());
    CHECK(*pages == 3);
    CHECK(got.pages.size() == 3);
    CHECK(got.pages[0] != got.pages[1]);  // each page carries its number
    CHECK(rig.emulator.behaviour().feederSheets == 0);
    CHECK(rig.client->lastCondition() == ScannerCondition::Ready);
}

TEST_CASE("escl.flow 503 answers are retried within the bound") {
    emu::EmulatorBehaviour b;
    b.busyBeforeEachPage = 3;
    b.busyOnCreate = 2;
    TcpRig rig(b, Millis(5000), RetryPolicy{5, Millis(10)});
    Collected got;
    auto pages = rig.client->scan(settingsAt(75), got.sink());
    REQUIRE(pages.ok());
    CHECK(*pages == 1);
    CHECK(rig.client->busyAnswers() == 5);
    CHECK(rig.emulator.stats().busyAnswers == 5);
}

TEST_CASE("escl.flow a scanner that stays busy ends the job with an error, not a hang") {
    emu::EmulatorBehaviour b;
    b.busyBeforeEachPage = 1000;
    TcpRig rig(b, Millis(5000), RetryPolicy{4, Millis(5)});
    Collected got;
    auto start = Clock::now();
    auto pages = rig.client->scan(settingsAt(75), got.sink());
    REQUIRE_FALSE(pages.ok());
    CHECK(pages.error().code == ErrorCode::Timeout);
    CHECK(rig.client->lastCondition() == ScannerCondition::Busy);
    CHECK(rig.client->busyAnswers() == 5);  // first try + 4 retries
    CHECK(rig.emulator.stats().jobsCancelled == 1);  // the job was deleted, the scanner freed
    CHECK(Clock::now() - start < std::chrono::seconds(5));
    CHECK(got.pages.empty());
}

TEST_CASE("escl.flow chunked bodies give the same page bytes") {
    emu::EmulatorBehaviour b;
    b.date = "2026-01-02";
    TcpRig plain(b);
    b.chunkSize = 1000;
    TcpRig chunked(b);
    Collected a, c;
    REQUIRE(plain.client->scan(settingsAt(100), a.sink()).ok());
    REQUIRE(chunked.client->scan(settingsAt(100), c.sink()).ok());
    REQUIRE(a.pages.size() == 1);
    REQUIRE(c.pages.size() == 1);
    CHECK(a.pages[0] == c.pages[0]);
    CHECK(chunked.client->capabilities().ok());  // chunked XML too
}

TEST_CASE("escl.flow bogus host in Location is ignored") {
    emu::EmulatorBehaviour b;
    b.locationPrefix = "http://192.0.2.77:9999";  // TEST-NET: nobody there
    TcpRig rig(b);
    auto job = rig.client->createJob(settingsAt(75));
    REQUIRE(job.ok());
    CHECK(*job == "/eSCL/ScanJobs/1");
    auto page = rig.client->nextDocument(*job);
    REQUIRE(page.ok());
    REQUIRE(page->has_value());
    CHECK(jpegInfo(**page).width == 620);
    CHECK(rig.server->connectionsAccepted() == 1);
}

TEST_CASE("escl.flow cancel during a busy wait deletes the job") {
    emu::EmulatorBehaviour b;
    b.busyBeforeEachPage = 1000;
    TcpRig rig(b, Millis(5000), RetryPolicy{1000, Millis(50)});
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        cancel = true;
    });
    Collected got;
    auto start = Clock::now();
    auto pages = rig.client->scan(settingsAt(75), got.sink(), &cancel);
    canceller.join();
    REQUIRE_FALSE(pages.ok());
    CHECK(pages.error().code == ErrorCode::Cancelled);
    CHECK(Clock::now() - start < std::chrono::seconds(2));
    CHECK(rig.emulator.stats().jobsCancelled == 1);
    auto st = rig.client->status();
    REQUIRE(st.ok());
    CHECK(st->state == ScannerState::Idle);
    REQUIRE(st->job("/eSCL/ScanJobs/1"));
    CHECK(st->job("/eSCL/ScanJobs/1")->state == "Canceled");
}

TEST_CASE("escl.flow feeder empty is reported as such") {
    emu::EmulatorBehaviour b;
    b.feederSheets = 0;
    TcpRig rig(b);
    Collected got;
    auto pages = rig.client->scan(settingsAt(75, InputSource::Feeder), got.sink());
    REQUIRE_FALSE(pages.ok());
    CHECK(pages.error().code == ErrorCode::NotFound);
    CHECK(rig.client->lastCondition() == ScannerCondition::FeederEmpty);
    CHECK(rig.emulator.stats().jobsCreated == 0);
}

TEST_CASE("escl.flow jam on the second sheet: one page, then a jam") {
    emu::EmulatorBehaviour b;
    b.feederSheets = 3;
    b.jamAtSheet = 2;
    TcpRig rig(b);
    Collected got;
    auto pages = rig.client->scan(settingsAt(75, InputSource::Feeder), got.sink());
    REQUIRE_FALSE(pages.ok());
    CHECK(rig.client->lastCondition() == ScannerCondition::Jam);
    CHECK(pages.error().message.find("jam") != std::string::npos);
    CHECK(got.pages.size() == 1);
    // Until someone clears it, a new feeder job is refused and the reason is still "jam".
    Collected again;
    CHECK_FALSE(rig.client->scan(settingsAt(75, InputSource::Feeder), again.sink()).ok());
    CHECK(rig.client->lastCondition() == ScannerCondition::Jam);
    rig.emulator.update([](emu::EmulatorBehaviour& e) { e.jamAtSheet = 0; });
    REQUIRE(rig.client->scan(settingsAt(75, InputSource::Feeder), again.sink()).ok());
    CHECK(again.pages.size() == 2);
}

TEST_CASE("escl.flow a page slower than the timeout fails, then the next request works") {
    emu::EmulatorBehaviour b;
    b.pageDelay = std::chrono::milliseconds(600);
    TcpRig rig(b, Millis(200));
    Collected got;
    auto start = Clock::now();
    auto pages = rig.client->scan(settingsAt(75), got.sink());
    REQUIRE_FALSE(pages.ok());
    CHECK(pages.error().code == ErrorCode::Timeout);
    CHECK(Clock::now() - start < std::chrono::seconds(3));
    CHECK(rig.http->resetCount() >= 1);
    rig.emulator.update([](emu::EmulatorBehaviour& e) { e.pageDelay = {}; });
    CHECK(rig.client->status().ok());  // the stale page answer did not leak into this one
}

TEST_CASE("escl.flow slow but within the timeout is fine") {
    emu::EmulatorBehaviour b;
    b.pageDelay = std::chrono::milliseconds(300);
    TcpRig rig(b, Millis(2000));
    Collected got;
    REQUIRE(rig.client->scan(settingsAt(75), got.sink()).ok());
}

TEST_CASE("escl.flow device vanishes in the middle of a page") {
    emu::EmulatorBehaviour b;
    b.cutPageAfterBytes = 5000;
    TcpRig rig(b);
    Collected got;
    auto pages = rig.client->scan(settingsAt(100), got.sink());
    REQUIRE_FALSE(pages.ok());
    CHECK(pages.error().code == ErrorCode::Protocol);  // closed in the middle of a message
    CHECK(got.pages.empty());
}

TEST_CASE("escl.flow unplugged scanner: clear errors, no hang") {
    TcpRig rig;
    rig.emulator.update([](emu::EmulatorBehaviour& e) { e.unplugged = true; });
    std::this_thread::sleep_for(std::chrono::milliseconds(120));  // the server drops its connections
    auto caps = rig.client->capabilities();
    REQUIRE_FALSE(caps.ok());
    CHECK((caps.error().code == ErrorCode::Disconnected || caps.error().code == ErrorCode::Protocol));
    rig.server->stop();
    auto again = rig.client->status();
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::Disconnected);  // reconnect refused
}

TEST_CASE("escl.flow Connection: close on every answer means a reconnect each time") {
    emu::EmulatorBehaviour b;
    b.closeAfterEachResponse = true;
    b.feederSheets = 2;
    TcpRig rig(b);
    Collected got;
    auto pages = rig.client->scan(settingsAt(75, InputSource::Feeder), got.sink());
    REQUIRE(pages.ok());
    CHECK(*pages == 2);
    CHECK(rig.server->connectionsAccepted() >= 4);
}

TEST_CASE("escl.flow settings the scanner refuses are a Rejected error") {
    TcpRig rig;
    Collected got;
    auto pages = rig.client->scan(settingsAt(123), got.sink());
    REQUIRE_FALSE(pages.ok());
    CHECK(pages.error().code == ErrorCode::Rejected);  // 409 while idle: these settings are refused
    auto pdf = settingsAt(300);
    pdf.documentFormat = "application/pdf";
    CHECK_FALSE(rig.client->scan(pdf, got.sink()).ok());
}

TEST_CASE("escl.flow a sink error aborts the job and frees the scanner") {
    emu::EmulatorBehaviour b;
    b.feederSheets = 4;
    TcpRig rig(b);
    int seen = 0;
    auto pages = rig.client->scan(settingsAt(75, InputSource::Feeder), [&](Bytes&&, int) -> Result<void> {
        if (++seen == 2) return makeError(ErrorCode::NoSpace, "attachment limit reached");
        return {};
    });
    REQUIRE_FALSE(pages.ok());
    CHECK(pages.error().code == ErrorCode::NoSpace);
    CHECK(rig.emulator.stats().jobsCancelled == 1);
}
