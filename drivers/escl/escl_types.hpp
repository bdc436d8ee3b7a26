// eSCL vocabulary shared by the client, the capability parser and the emulator: input
// sources, colour modes, and the scan settings a job is created with.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guichet::escl {

enum class InputSource { Platen, Feeder };
enum class ColorMode { BlackAndWhite1, Grayscale8, RGB24 };

const char* inputSourceName(InputSource s);  // "Platen", "Feeder" (pwg:InputSource values)
const char* colorModeName(ColorMode m);      // "RGB24", ...
std::optional<ColorMode> parseColorMode(std::string_view text);  // tolerates a "scan:" prefix

// What a job asks for. Region sizes are in 1/300 inch: A4 is 2480 x 3508.
struct ScanSettings {
    InputSource source = InputSource::Platen;
    ColorMode colorMode = ColorMode::RGB24;
    int xResolution = 300;
    int yResolution = 300;
    int width = 2480;
    int height = 3508;
    int xOffset = 0;
    int yOffset = 0;
    bool duplex = false;
    std::string documentFormat = "image/jpeg";
    std::string intent = "Document";
};

// The ScanSettings XML body of POST /eSCL/ScanJobs (pwg:Version 2.0).
std::string scanSettingsXml(const ScanSettings& settings);

}  // namespace guichet::escl
