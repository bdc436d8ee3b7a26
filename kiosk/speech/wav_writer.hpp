// Writes 16-bit mono PCM as a RIFF/WAVE file: `guichetctl say --wav` and sound checks.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "drivers/common/result.hpp"

namespace guichet::speech {

Result<void> writeWav(const std::string& path, std::span<const std::int16_t> samples, int sampleRate);

}  // namespace guichet::speech
