// guichetctl escpos encode / render, run as the operator runs them.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "drivers/escpos/receipt_layout.hpp"
#include "tests/escpos/escpos_test_support.hpp"

using namespace guichet;
namespace fs = std::filesystem;

namespace {

struct Tmp {
    fs::path dir = fs::temp_directory_path() / ("guichet-ctl-" + std::to_string(::getpid()));
    Tmp() { fs::create_directories(dir); }
    ~Tmp() { fs::remove_all(dir); }
};

Bytes readAll(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::string run(const std::string& cmd, int& rc) {
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    rc = pclose(p);
    return out;
}

}  // namespace

TEST_CASE("escpos.guichetctl encode matches the driver and render reads it back", "[escpos]") {
    Tmp t;
    const std::string text = "Reçu de dépôt : 12,50 €\nLe cœur de l'Œuvre";
    std::ofstream(t.dir / "in.txt") << text << "\n";
    const std::string ctl = std::string(GUICHETCTL) + " escpos ";
    const std::string profiles = " --profiles " + std::string(GUICHET_SOURCE_DIR) + "/config/printers";
    int rc = 0;
    run(ctl + "encode --profile epson-tm-t20iii" + profiles + " < " + (t.dir / "in.txt").string() + " > " + (t.dir / "out.bin").string(), rc);
    REQUIRE(rc == 0);
    CHECK(readAll(t.dir / "out.bin") == escpos::layoutPlainText(text, test::profile("epson-tm-t20iii")));

    std::string lines = run(ctl + "render --profile epson-tm-t20iii" + profiles + " " + (t.dir / "out.bin").string() + " --png " +
                                (t.dir / "out.png").string() + " 2>/dev/null",
                            rc);
    REQUIRE(rc == 0);
    CHECK(lines == "Reçu de dépôt : 12,50 €\nLe cœur de l'Œuvre\n");
    CHECK(fs::file_size(t.dir / "out.png") > 100);

    // Forced page: only CP437, so œ and € fall back.
    run(ctl + "encode --profile epson-tm-t20iii --codepage cp437" + profiles + " < " + (t.dir / "in.txt").string() + " > " +
            (t.dir / "437.bin").string(),
        rc);
    REQUIRE(rc == 0);
    lines = run(ctl + "render --profile epson-tm-t20iii" + profiles + " " + (t.dir / "437.bin").string() + " --png " +
                    (t.dir / "437.png").string() + " 2>/dev/null",
                rc);
    CHECK(lines == "Reçu de dépôt : 12,50 EUR\nLe coeur de l'OEuvre\n");

    // Nonsense: unknown profile, unknown page, missing input → non-zero, no crash.
    run(ctl + "encode --profile nope" + profiles + " < /dev/null 2>/dev/null", rc);
    CHECK(rc != 0);
    run(ctl + "encode --profile pos58 --codepage cp999" + profiles + " < /dev/null 2>/dev/null", rc);
    CHECK(rc != 0);
    run(ctl + "render --profile pos58" + profiles + " /nonexistent.bin --png /tmp/x.png 2>/dev/null", rc);
    CHECK(rc != 0);
}

// Failed before: GS k was skipped silently, and page 99 was the only thing reported.
TEST_CASE("escpos.guichetctl render's summary names an invalid barcode and an unknown page", "[escpos]") {
    Tmp t;
    const Bytes stream = {0x1B, 't', 99, 'a', '\n',                                             // no such page
                          0x1D, 'k', 67, 13, '4', '0', '0', '6', '3', '8', '1', '3', '3', '3', '9', '3', '2',  // bad check digit
                          0x1D, 'k', 67, 13, '4', '0', '0', '6', '3', '8', '1', '3', '3', '3', '9', '3', '1'}; // valid
    std::ofstream(t.dir / "in.bin", std::ios::binary).write(reinterpret_cast<const char*>(stream.data()), static_cast<std::streamsize>(stream.size()));
    const std::string ctl = std::string(GUICHETCTL) + " escpos render --profile epson-tm-t20iii --profiles " +
                            std::string(GUICHET_SOURCE_DIR) + "/config/printers " + (t.dir / "in.bin").string() + " --png " +
                            (t.dir / "out.png").string() + " 2>&1 >/dev/null";
    int rc = 0;
    const std::string summary = run(ctl, rc);
    CHECK(rc == 0);
    CHECK(summary.find("2 images") == std::string::npos);  // only the valid barcode is drawn
    CHECK(summary.find("1 images") != std::string::npos);
    CHECK(summary.find("invalid EAN13 barcode \"4006381333932\": wrong check digit, not printed") != std::string::npos);
    CHECK(summary.find("code page 99") != std::string::npos);
}
