// Profiles as data: inheritance, the shipped set, and operator-readable errors (file:line).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tests/escpos/escpos_test_support.hpp"

using namespace guichet;
namespace fs = std::filesystem;

TEST_CASE("escpos.shipped profiles cover the required printers", "[escpos]") {
    const auto& all = test::shippedProfiles();
    for (const char* name : {"generic-58mm", "generic-80mm", "epson-tm-t20ii", "epson-tm-t20iii", "epson-tm-t88v", "pos58"})
        CHECK(all.find(name) != nullptr);
    const auto& t20 = test::profile("epson-tm-t20iii");
    CHECK(t20.widthDots == 576);
    CHECK(t20.columnsFontA == 48);
    CHECK(t20.nativeQr);
    CHECK(t20.cut == escpos::CutMode::Partial);
    CHECK(t20.description == "Epson TM-T20III");
    const auto& t88 = test::profile("epson-tm-t88v");
    CHECK(t88.widthDots == 512);
    CHECK(t88.qrModuleSize == 5);
    CHECK(t88.nativeQr);  // [features] merged key by key with the parent
    const auto& pos = test::profile("pos58");
    CHECK(pos.widthDots == 384);
    CHECK_FALSE(pos.nativeQr);
    CHECK(pos.cut == escpos::CutMode::None);
    CHECK(pos.codePages.size() == 3);
    CHECK(all.forUsb(0x04b8, 0x0e28) == all.find("epson-tm-t20iii"));
    CHECK(all.forUsb(0x0416, 0x5011) == all.find("pos58"));
    CHECK(all.forUsb(0x04b8, 0x0e15) == all.find("epson-tm-t20ii"));
    CHECK(all.forUsb(0x1234, 0x5678) == nullptr);
}

namespace {
struct TempDir {
    fs::path path = fs::temp_directory_path() / ("guichet-profiles-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
    void write(const std::string& name, const std::string& text) { std::ofstream(path / name) << text; }
};
std::string loadError(TempDir& d) {
    auto r = PrinterProfiles::loadDirectory(d.path.string());
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}
const char* kBase = "width_dots = 576\ncolumns_font_a = 48\ncode_pages = [{ page = \"cp858\", number = 19 }]\n";
}  // namespace

TEST_CASE("escpos.profile errors name the file and line", "[escpos]") {
    {
        TempDir d;
        d.write("a.toml", std::string(kBase) + "[features]\ncut = \"sideways\"\n");
        std::string e = loadError(d);
        CHECK(e.find("a.toml:5: cut must be") != std::string::npos);
    }
    {
        TempDir d;
        d.write("b.toml", "inherits = \"nope\"\n");
        CHECK(loadError(d).find("b.toml:1: inherits unknown profile 'nope'") != std::string::npos);
    }
    {
        TempDir d;
        d.write("x.toml", "inherits = \"y\"\n");
        d.write("y.toml", "inherits = \"x\"\n");
        CHECK(loadError(d).find("loops") != std::string::npos);
    }
    {
        TempDir d;
        d.write("c.toml", "width_dots = 576\ncode_pages = [{ page = \"cp999\", number = 1 }]\n");
        CHECK(loadError(d).find("c.toml:2: unknown code page 'cp999'") != std::string::npos);
    }
    {
        TempDir d;
        d.write("broken.toml", "width_dots = = 3\n");
        CHECK(loadError(d).find("broken.toml:1:") != std::string::npos);
    }
    {
        TempDir d;
        d.write("u.toml", std::string(kBase) + "usb = [\"04b8-0e28\"]\n");
        CHECK(loadError(d).find("u.toml:4: usb id must look like") != std::string::npos);
    }
    {
        TempDir d;
        d.write("k.toml", std::string(kBase) + "colour = \"red\"\n");
        CHECK(loadError(d).find("k.toml:4: unknown key 'colour'") != std::string::npos);
    }
    CHECK_FALSE(PrinterProfiles::loadDirectory("/nonexistent/printers").ok());
}
