#include <catch2/catch.hpp>

#include <SDL2/SDL.h>

#include <cstdlib>
#include <thread>

#include "kiosk/speech/audio_sink.hpp"
#include "kiosk/speech/sdl_audio_sink.hpp"

using namespace guichet::speech;

namespace {
struct Recorder : PlaybackListener {
    std::vector<UtteranceId> first, finished;
    void onFirstSample(UtteranceId id, SteadyTime) override { first.push_back(id); }
    void onFinished(UtteranceId id) override { finished.push_back(id); }
};
class PullSink : public AudioSink {};
}  // namespace

TEST_CASE("speech.audio sink plays utterances in order and reports first and last samples") {
    PullSink sink;
    Recorder rec;
    sink.setListener(&rec);
    std::vector<std::int16_t> a(300, 1000), b(100, -2000);
    sink.push(1, a);
    sink.endOfUtterance(1);
    sink.push(2, b);
    sink.endOfUtterance(2);
    std::vector<std::int16_t> out(256);
    sink.pull(out.data(), out.size());
    CHECK(out[0] == 1000);
    CHECK(rec.first == std::vector<UtteranceId>{1});
    CHECK(rec.finished.empty());
    sink.pull(out.data(), out.size());
    CHECK(out[43] == 1000);
    CHECK(out[44] == -2000);
    CHECK(out[143] == -2000);
    CHECK(out[144] == 0);  // silence once empty
    CHECK(rec.first == std::vector<UtteranceId>{1, 2});
    CHECK(rec.finished == std::vector<UtteranceId>{1, 2});
    CHECK(sink.idle());
}

TEST_CASE("speech.audio sink volume scales what is played") {
    PullSink sink;
    sink.setVolume(50);
    std::vector<std::int16_t> a(10, 10000);
    sink.push(1, a);
    std::int16_t out[10];
    sink.pull(out, 10);
    CHECK(out[0] == 5000);
    sink.setVolume(250);  // clamped
    CHECK(sink.volume() == 100);
    sink.setVolume(-3);
    CHECK(sink.volume() == 0);
}

TEST_CASE("speech.audio sink flushUpTo drops queued audio and refuses late chunks") {
    PullSink sink;
    Recorder rec;
    sink.setListener(&rec);
    std::vector<std::int16_t> a(100, 7);
    sink.push(1, a);
    sink.push(2, a);
    sink.flushUpTo(2);
    CHECK(sink.idle());
    sink.push(2, a);  // a worker's chunk that raced the interruption
    sink.endOfUtterance(2);
    CHECK(sink.idle());
    sink.push(3, a);
    CHECK_FALSE(sink.idle());
    std::int16_t out[100];
    sink.pull(out, 100);
    CHECK(out[0] == 7);
    CHECK(rec.first == std::vector<UtteranceId>{3});
    CHECK(rec.finished.empty());
}

TEST_CASE("speech.audio sink memory sink plays at once, without padding") {
    MemoryAudioSink sink;
    Recorder rec;
    sink.setListener(&rec);
    std::vector<std::int16_t> a(1500, 3);
    sink.push(4, a);
    sink.endOfUtterance(4);
    CHECK(sink.played().size() == 1500);
    CHECK(rec.finished == std::vector<UtteranceId>{4});
    MemoryAudioSink forgetful(/*keep=*/false);
    forgetful.push(5, a);
    CHECK(forgetful.playedCount() == 1500);
    CHECK(forgetful.played().empty());
    CHECK(forgetful.idle());
}

TEST_CASE("speech.audio sink plays through SDL's disk audio driver in real time") {
    const std::string out = std::string(GUICHET_BINARY_DIR) + "/speech_disk_audio.raw";
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", out.c_str(), 1);
    std::remove(out.c_str());
    Recorder rec;
    {
        SdlAudioSink sink;
        sink.setListener(&rec);
        auto r = sink.open(22050);
        REQUIRE(r.ok());
        CHECK(sink.isOpen());
        std::vector<std::int16_t> tone(2205, 1234);  // 100 ms
        sink.push(1, tone);
        sink.endOfUtterance(1);
        for (int i = 0; i < 100 && !sink.idle(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        CHECK(sink.idle());
        sink.close();
    }
    unsetenv("SDL_AUDIODRIVER");
    CHECK(rec.first == std::vector<UtteranceId>{1});
    CHECK(rec.finished == std::vector<UtteranceId>{1});
    // The samples really went through the device: the file holds our tone.
    FILE* f = std::fopen(out.c_str(), "rb");
    REQUIRE(f);
    std::vector<std::int16_t> data(22050);
    std::size_t n = std::fread(data.data(), 2, data.size(), f);
    std::fclose(f);
    CHECK(std::count(data.begin(), data.begin() + n, std::int16_t(1234)) == 2205);
}

TEST_CASE("speech.audio sink a missing audio device is an error, not a crash") {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    SdlAudioSink sink;
    auto r = sink.open(22050, "Casque qui n'existe pas");
    unsetenv("SDL_AUDIODRIVER");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("Casque qui n'existe pas") != std::string::npos);
    CHECK_FALSE(sink.isOpen());
}
