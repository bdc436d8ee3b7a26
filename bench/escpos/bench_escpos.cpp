// Receipt encoding benchmark (shared/PERFORMANCE.md "Receipt encoding"): the reference receipt
// (logo, accents, €, QR, cut) for an 80 mm / 48-column / 576-dot printer with automatic code
// page choice, and Floyd–Steinberg dithering of a 576×300 image; the npm encoders (receiptline,
// @point-of-sale/receipt-printer-encoder) are run on the same inputs in the same run.
// Usage: bench_escpos [--iterations N] [--no-reference]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "drivers/escpos/receipt_layout.hpp"
#include "kiosk/devices/printer_profiles.hpp"
#include "kiosk/devices/receipt_json.hpp"

using namespace guichet;
using Clock = std::chrono::steady_clock;

namespace {

template <class F>
double medianMs(int iterations, F f) {
    for (int i = 0; i < std::max(5, iterations / 10); ++i) f();  // warm-up
    std::vector<double> batches;
    const int perBatch = std::max(1, iterations / 5);
    for (int b = 0; b < 5; ++b) {
        auto t0 = Clock::now();
        for (int i = 0; i < perBatch; ++i) f();
        batches.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / perBatch);
    }
    std::sort(batches.begin(), batches.end());
    return batches[2];
}

std::string runReference(const std::string& dir, int iterations) {
    const std::string cmd = "cd '" + dir + "' && node reference_encoders.mjs . " + std::to_string(iterations) + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return {};
    std::string out;
    char buf[4096];
    while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    pclose(p);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    int iterations = 500;
    bool reference = true;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc) iterations = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--no-reference")) reference = false;
    }
    const std::string dir = std::string(GUICHET_SOURCE_DIR) + "/bench/escpos";
    auto profiles = PrinterProfiles::loadDirectory(std::string(GUICHET_SOURCE_DIR) + "/config/printers");
    if (!profiles) {
        std::fprintf(stderr, "%s\n", profiles.error().message.c_str());
        return 1;
    }
    const escpos::PrinterProfile& profile = *profiles->find("epson-tm-t20iii");  // 576 dots, 48 columns, 6 code pages
    auto receipt = receiptFromJsonFile(dir + "/receipt.json");
    if (!receipt) {
        std::fprintf(stderr, "%s\n", receipt.error().message.c_str());
        return 1;
    }

    // 1. The whole receipt, automatic code page, logo decoded + scaled + dithered every time.
    std::size_t bytes = 0;
    const double cold = medianMs(iterations, [&] { bytes = escpos::layoutReceipt(*receipt, profile).size(); });
    // 2. Same, with the town's logo cached (what the terminal does: one logo for every receipt).
    escpos::LogoCache cache;
    escpos::LayoutOptions cached;
    cached.logos = &cache;
    const double warm = medianMs(iterations, [&] { bytes = escpos::layoutReceipt(*receipt, profile, cached).size(); });
    // 3. Dithering alone: the same 576×300 grey gradient the reference script builds.
    escpos::GrayImage grad;
    grad.width = 576;
    grad.height = 300;
    grad.pixels.resize(576 * 300);
    for (int y = 0; y < 300; ++y)
        for (int x = 0; x < 576; ++x) grad.pixels[y * 576 + x] = static_cast<std::uint8_t>((x * 255 / 575 + y * 255 / 299) / 2);
    std::size_t black = 0;
    const double dither = medianMs(iterations, [&] { black += escpos::ditherFloydSteinberg(grad).bits[1000]; });

    std::printf("Guichet receipt encoder (%s, %d columns, %d dots, automatic code page)\n", profile.name.c_str(),
                profile.columnsFontA, profile.widthDots);
    std::printf("  %-48s %8.3f ms  %6zu bytes\n", "receipt, logo decoded+dithered each time", cold, bytes);
    std::printf("  %-48s %8.3f ms  %6zu bytes\n", "receipt, logo cached", warm, bytes);
    std::printf("  %-48s %8.3f ms\n", "Floyd-Steinberg 576x300", dither);
    std::printf("  receipts per second (cold logo): %.0f\n", 1000.0 / cold);

    if (!reference) return 0;
    const std::string raw = runReference(dir, std::max(50, iterations / 5));
    auto j = nlohmann::json::parse(raw, nullptr, false);
    if (j.is_discarded()) {
        std::printf("\nreference encoders not run (npm install in bench/escpos first):\n%s\n", raw.c_str());
        return 0;
    }
    const double rl = j["receiptline"]["ms"], posFixed = j["pos_fixed_cp858"]["ms"], posAuto = j["pos_auto"]["ms"];
    const double posDither = j["pos_dither_576x304"]["ms"];
    const double fastest = std::min({rl, posFixed, posAuto});
    std::printf("\nReference encoders, same run (node %s)\n", j["node"].get<std::string>().c_str());
    std::printf("  %-48s %8.3f ms  %6d bytes\n", "receiptline 4.0.4, cp858", rl, j["receiptline"]["bytes"].get<int>());
    std::printf("  %-48s %8.3f ms  %6d bytes\n", "receipt-printer-encoder 4.0.1, fixed cp858", posFixed, j["pos_fixed_cp858"]["bytes"].get<int>());
    std::printf("  %-48s %8.3f ms  %6d bytes\n", "receipt-printer-encoder 4.0.1, automatic", posAuto, j["pos_auto"]["bytes"].get<int>());
    std::printf("  %-48s %8.3f ms\n", "receipt-printer-encoder image() 576x304 F-S", posDither);
    std::printf("\nRatios (reference / Guichet; goal >= 10x the fastest reference)\n");
    std::printf("  receipt vs fastest reference (%.2f ms): %.1fx cold logo, %.1fx cached logo\n", fastest, fastest / cold, fastest / warm);
    std::printf("  receipt, automatic code page vs receipt-printer-encoder automatic: %.1fx\n", posAuto / cold);
    std::printf("  dithering 576x300: %.1fx\n", posDither / dither);
    return black == 42 ? 2 : 0;  // keeps the dither result alive
}
