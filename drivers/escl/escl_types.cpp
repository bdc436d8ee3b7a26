#include "drivers/escl/escl_types.hpp"

#include <sstream>

namespace guichet::escl {

const char* inputSourceName(InputSource s) { return s == InputSource::Feeder ? "Feeder" : "Platen"; }

const char* colorModeName(ColorMode m) {
    switch (m) {
    case ColorMode::BlackAndWhite1: return "BlackAndWhite1";
    case ColorMode::Grayscale8: return "Grayscale8";
    case ColorMode::RGB24: return "RGB24";
    }
    return "RGB24";
}

std::optional<ColorMode> parseColorMode(std::string_view text) {
    if (auto colon = text.find(':'); colon != std::string_view::npos) text.remove_prefix(colon + 1);
    if (text == "BlackAndWhite1") return ColorMode::BlackAndWhite1;
    if (text == "Grayscale8") return ColorMode::Grayscale8;
    if (text == "RGB24") return ColorMode::RGB24;
    return std::nullopt;  // RGB48, Grayscale16, AutoColorDetection...: not used here
}

static std::string xmlEscape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string scanSettingsXml(const ScanSettings& s) {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<scan:ScanSettings xmlns:scan=\"http://schemas.hp.com/imaging/escl/2011/05/03\" "
         "xmlns:pwg=\"http://www.pwg.org/schemas/2010/12/sm\">\n"
      << "  <pwg:Version>2.0</pwg:Version>\n"
      << "  <scan:Intent>" << xmlEscape(s.intent) << "</scan:Intent>\n"
      << "  <pwg:ScanRegions>\n    <pwg:ScanRegion>\n"
      << "      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>\n"
      << "      <pwg:Height>" << s.height << "</pwg:Height>\n"
      << "      <pwg:Width>" << s.width << "</pwg:Width>\n"
      << "      <pwg:XOffset>" << s.xOffset << "</pwg:XOffset>\n"
      << "      <pwg:YOffset>" << s.yOffset << "</pwg:YOffset>\n"
      << "    </pwg:ScanRegion>\n  </pwg:ScanRegions>\n"
      << "  <pwg:InputSource>" << inputSourceName(s.source) << "</pwg:InputSource>\n";
    if (s.source == InputSource::Feeder) x << "  <scan:Duplex>" << (s.duplex ? "true" : "false") << "</scan:Duplex>\n";
    x << "  <scan:ColorMode>" << colorModeName(s.colorMode) << "</scan:ColorMode>\n"
      << "  <pwg:DocumentFormat>" << xmlEscape(s.documentFormat) << "</pwg:DocumentFormat>\n"
      << "  <scan:DocumentFormatExt>" << xmlEscape(s.documentFormat) << "</scan:DocumentFormatExt>\n"
      << "  <scan:XResolution>" << s.xResolution << "</scan:XResolution>\n"
      << "  <scan:YResolution>" << s.yResolution << "</scan:YResolution>\n"
      << "</scan:ScanSettings>\n";
    return x.str();
}

}  // namespace guichet::escl
