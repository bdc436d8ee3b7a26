#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
const std::string kCtl = std::string(GUICHET_BINARY_DIR) + "/kiosk/ctl/guichetctl";
int run(const std::string& args) {
    int status = std::system((kCtl + " say " + args + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
long fileSize(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return -1;
    std::fseek(f, 0, SEEK_END);
    long n = std::ftell(f);
    std::fclose(f);
    return n;
}
}  // namespace

TEST_CASE("speech.ctl say writes a WAV of the spoken text") {
    const std::string wav = std::string(GUICHET_BINARY_DIR) + "/speech_ctl_say.wav";
    std::remove(wav.c_str());
    REQUIRE(run("--lang fr \"Bonjour, ceci est un essai du son.\" --wav " + wav) == 0);
    const long size = fileSize(wav);
    CHECK(size > 44 + 22050);  // more than half a second of speech
    const std::string wavEn = std::string(GUICHET_BINARY_DIR) + "/speech_ctl_say_en.wav";
    REQUIRE(run("--lang en \"Bonjour, ceci est un essai du son.\" --wav " + wavEn) == 0);
    CHECK(fileSize(wavEn) != size);  // another voice, another sound
}

TEST_CASE("speech.ctl say refuses nonsense with usage errors") {
    CHECK(run("--lang xx bonjour --wav /tmp/x.wav") == 2);
    CHECK(run("--wav /tmp/x.wav") == 2);
    CHECK(run("--rate vite bonjour") == 2);
    CHECK(run("--rate 9000 bonjour") == 2);
    CHECK(run("--frobnicate bonjour") == 2);
    CHECK(run("bonjour --wav /nonexistent-dir/x.wav") == 1);
}

TEST_CASE("speech.ctl say plays through the sound card (SDL dummy driver)") {
    CHECK(std::system(("SDL_AUDIODRIVER=dummy " + kCtl + " say --lang it Ciao >/dev/null 2>&1").c_str()) == 0);
}
