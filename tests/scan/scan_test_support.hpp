// Helpers for the scan tests: real JPEG pages from the emulator's renderer, and a pump that
// runs the UI-thread queue until a condition holds (with a deadline, never forever).
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <thread>

#include "drivers/emulators/escl/test_page.hpp"
#include "kiosk/app/main_thread_queue.hpp"
#include "kiosk/devices/device_services.hpp"

namespace guichet::test {

inline ScannedPage testPage(int dpi = 100, int number = 1, bool color = true) {
    emu::TestPageSpec spec;
    spec.dpi = dpi;
    spec.widthPx = 2480 * dpi / 300;
    spec.heightPx = 3508 * dpi / 300;
    spec.pageNumber = number;
    spec.date = "2026-11-28";
    spec.colorMode = color ? escl::ColorMode::RGB24 : escl::ColorMode::Grayscale8;
    auto jpeg = emu::renderTestPage(spec);
    REQUIRE(jpeg.ok());
    return ScannedPage{std::move(*jpeg), spec.widthPx, spec.heightPx, dpi};
}

inline bool pumpUntil(MainThreadQueue& q, const std::function<bool()>& done,
                      std::chrono::milliseconds limit = std::chrono::milliseconds(10000)) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        q.runPending();
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    q.runPending();
    return done();
}

inline std::string asString(const Bytes& b) { return std::string(b.begin(), b.end()); }

}  // namespace guichet::test
