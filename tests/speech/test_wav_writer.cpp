#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include "kiosk/speech/wav_writer.hpp"

using namespace guichet::speech;

TEST_CASE("speech.wav header and samples are a valid 16-bit mono RIFF file") {
    const std::string path = std::string(GUICHET_BINARY_DIR) + "/speech_test.wav";
    std::vector<std::int16_t> s{0, 1, -1, 32767, -32768};
    REQUIRE(writeWav(path, s, 22050).ok());
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> b((std::istreambuf_iterator<char>(in)), {});
    REQUIRE(b.size() == 44 + 10);
    CHECK(std::memcmp(b.data(), "RIFF", 4) == 0);
    CHECK(std::memcmp(b.data() + 8, "WAVEfmt ", 8) == 0);
    CHECK((b[4] | b[5] << 8) == 36 + 10);
    CHECK((b[24] | b[25] << 8 | b[26] << 16) == 22050);
    CHECK(b[34] == 16);
    CHECK(std::memcmp(b.data() + 36, "data", 4) == 0);
    CHECK(b[44 + 6] == 0xFF);  // 32767 little-endian
    CHECK(b[44 + 7] == 0x7F);
    CHECK(b[44 + 8] == 0x00);  // -32768
    CHECK(b[44 + 9] == 0x80);
}

TEST_CASE("speech.wav unwritable path and full disk are errors") {
    std::vector<std::int16_t> s(100000, 5);
    auto r = writeWav("/nonexistent-dir/x.wav", s, 22050);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("/nonexistent-dir/x.wav") != std::string::npos);
    auto full = writeWav("/dev/full", s, 22050);
    REQUIRE_FALSE(full.ok());
    CHECK(full.error().message.find("disk full") != std::string::npos);
    CHECK_FALSE(writeWav("/tmp/x.wav", s, 0).ok());
}
