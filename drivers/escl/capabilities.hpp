// What a scanner says it can do (GET /eSCL/ScannerCapabilities), reduced to what the
// terminal chooses from: sources, colour modes, resolutions, formats, sizes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/escl/escl_types.hpp"

namespace guichet::escl {

struct InputCaps {
    int minWidth = 0, maxWidth = 0, minHeight = 0, maxHeight = 0;  // 1/300 inch
    std::vector<ColorMode> colorModes;
    std::vector<std::string> documentFormats;           // "image/jpeg", "application/pdf"
    std::vector<std::pair<int, int>> resolutions;       // discrete X x Y
    struct Range { int min = 0, max = 0, step = 1; };
    std::optional<Range> resolutionRange;               // square range, when given as one
    int maxOpticalResolution = 0;                       // 0 when not stated

    bool supportsColorMode(ColorMode m) const;
    bool supportsFormat(std::string_view mediaType) const;
    // The supported square resolution closest to `dpi` (ties go to the higher one); 0 if none.
    int nearestResolution(int dpi) const;
};

struct ScannerCapabilities {
    std::string version;
    std::string makeAndModel;
    std::string uuid;
    std::optional<InputCaps> platen;
    std::optional<InputCaps> adfSimplex;
    std::optional<InputCaps> adfDuplex;
    int feederCapacity = 0;  // 0 when not stated

    bool hasFeeder() const { return adfSimplex.has_value(); }
    const InputCaps* input(InputSource s) const;
};

// Parses the XML whatever its prefixes or layout; Protocol error when it is not a
// ScannerCapabilities document or offers no input at all.
Result<ScannerCapabilities> parseCapabilities(std::string_view xml);

// A readable multi-line summary for `guichetctl scan caps`.
std::string describeCapabilities(const ScannerCapabilities& caps);

}  // namespace guichet::escl
