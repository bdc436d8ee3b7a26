#include "kiosk/speech/wav_writer.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>

namespace guichet::speech {

namespace {
void put32(std::FILE* f, std::uint32_t v) {
    unsigned char b[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                          static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
    std::fwrite(b, 1, 4, f);
}
void put16(std::FILE* f, std::uint16_t v) {
    unsigned char b[2] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8)};
    std::fwrite(b, 1, 2, f);
}
}  // namespace

Result<void> writeWav(const std::string& path, std::span<const std::int16_t> samples, int sampleRate) {
    if (sampleRate <= 0) return makeError(ErrorCode::InvalidArgument, "sample rate must be positive");
    const std::uint64_t dataBytes = samples.size() * 2;
    if (dataBytes > 0xFFFFFFFFull - 36) return makeError(ErrorCode::InvalidArgument, "too long for a WAV file");
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return makeError(ErrorCode::Io, path + ": " + std::strerror(errno));
    std::fwrite("RIFF", 1, 4, f);
    put32(f, static_cast<std::uint32_t>(36 + dataBytes));
    std::fwrite("WAVEfmt ", 1, 8, f);
    put32(f, 16);                                       // fmt chunk size
    put16(f, 1);                                        // PCM
    put16(f, 1);                                        // mono
    put32(f, static_cast<std::uint32_t>(sampleRate));
    put32(f, static_cast<std::uint32_t>(sampleRate) * 2);  // byte rate
    put16(f, 2);                                        // block align
    put16(f, 16);                                       // bits per sample
    std::fwrite("data", 1, 4, f);
    put32(f, static_cast<std::uint32_t>(dataBytes));
    for (std::int16_t s : samples) put16(f, static_cast<std::uint16_t>(s));
    const bool writeFailed = std::ferror(f) != 0;
    const bool closeFailed = std::fclose(f) != 0;
    if (writeFailed || closeFailed) {
        // Remove the half-written file — but only a regular file, never a device node.
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) std::remove(path.c_str());
        return makeError(ErrorCode::Io, path + ": write failed (disk full?)");
    }
    return {};
}

}  // namespace guichet::speech
