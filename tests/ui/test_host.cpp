// The SDL host: a task posted by a worker thread wakes the loop sleeping in
// SDL_WaitEventTimeout at once and runs on the UI thread; headless screenshots are real
// PNG files of the rendered frame.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ui/host/sdl_host.hpp"

using namespace guichet;
using namespace guichet::ui;
using namespace std::chrono;

TEST_CASE("ui.a task posted from a worker wakes the sleeping loop and runs on the UI thread", "[ui]") {
    std::filesystem::current_path(GUICHET_SOURCE_DIR);  // as the terminal runs (config/ relative)
    Shell shell(TerminalConfig::defaults(), ShellOptions{"", false, 800, 600});
    HostOptions o;
    o.headless = true;
    o.width = 800;
    o.height = 600;
    auto host = SdlHost::create(shell, o);
    REQUIRE(host.ok());
    (*host)->settle();
    std::thread::id ranOn;
    bool ran = false;
    std::thread worker([&] {
        std::this_thread::sleep_for(milliseconds(100));
        shell.queue().post([&] {
            ran = true;
            ranOn = std::this_thread::get_id();
        });
    });
    auto t0 = steady_clock::now();
    SDL_Event e;
    bool woke = false;
    while (!woke && steady_clock::now() - t0 < seconds(5)) {
        if (SDL_WaitEventTimeout(&e, 5000) && e.type == EventTranslator::wakeEventType()) woke = true;
    }
    auto waited = steady_clock::now() - t0;
    worker.join();
    REQUIRE(woke);
    CHECK(waited < milliseconds(1500));  // woken by the post, not by the 5 s timeout
    CHECK_FALSE(ran);                     // nothing runs on the worker's side
    (*host)->renderFrame();
    CHECK(ran);
    CHECK(ranOn == std::this_thread::get_id());
}

TEST_CASE("ui.headless screenshot writes the rendered frame as PNG", "[ui]") {
    std::filesystem::current_path(GUICHET_SOURCE_DIR);
    Shell shell(TerminalConfig::defaults(), ShellOptions{"", false, 640, 480});
    HostOptions o;
    o.headless = true;
    o.width = 640;
    o.height = 480;
    auto host = SdlHost::create(shell, o);
    REQUIRE(host.ok());
    auto path = std::filesystem::temp_directory_path() / "guichet-test-shot.png";
    REQUIRE((*host)->screenshot(path.string()).ok());
    std::ifstream in(path, std::ios::binary);
    char sig[8] = {};
    in.read(sig, 8);
    CHECK(std::string(sig + 1, 3) == "PNG");
    CHECK(std::filesystem::file_size(path) > 2000);  // a real picture, not an empty frame
    std::filesystem::remove(path);
    CHECK_FALSE((*host)->screenshot("/nonexistent-dir/shot.png").ok());
}
