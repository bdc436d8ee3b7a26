#include "drivers/escl/capabilities.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "drivers/escl/xml_util.hpp"

namespace guichet::escl {

bool InputCaps::supportsColorMode(ColorMode m) const {
    return std::find(colorModes.begin(), colorModes.end(), m) != colorModes.end();
}

bool InputCaps::supportsFormat(std::string_view mediaType) const {
    return std::find(documentFormats.begin(), documentFormats.end(), mediaType) != documentFormats.end();
}

int InputCaps::nearestResolution(int dpi) const {
    int best = 0;
    auto consider = [&](int r) {
        if (r <= 0) return;
        if (!best || std::abs(r - dpi) < std::abs(best - dpi) || (std::abs(r - dpi) == std::abs(best - dpi) && r > best))
            best = r;
    };
    for (auto [x, y] : resolutions) if (x == y) consider(x);
    if (resolutionRange) {
        const auto& g = *resolutionRange;
        int step = std::max(1, g.step);
        int clamped = std::clamp(dpi, g.min, g.max);
        int snapped = g.min + (clamped - g.min) / step * step;
        consider(snapped);
        if (snapped + step <= g.max) consider(snapped + step);
    }
    return best;
}

const InputCaps* ScannerCapabilities::input(InputSource s) const {
    if (s == InputSource::Platen) return platen ? &*platen : nullptr;
    return adfSimplex ? &*adfSimplex : nullptr;
}

namespace {

// Adds each format once: devices list the same one as DocumentFormat and DocumentFormatExt.
void addFormat(InputCaps& caps, std::string f) {
    if (!f.empty() && !caps.supportsFormat(f)) caps.documentFormats.push_back(std::move(f));
}

InputCaps parseInputCaps(const pugi::xml_node& node) {
    InputCaps caps;
    caps.minWidth = xml::integer(node, "MinWidth").value_or(0);
    caps.maxWidth = xml::integer(node, "MaxWidth").value_or(0);
    caps.minHeight = xml::integer(node, "MinHeight").value_or(0);
    caps.maxHeight = xml::integer(node, "MaxHeight").value_or(0);
    caps.maxOpticalResolution = xml::integer(node, "MaxOpticalXResolution").value_or(0);
    // Several SettingProfiles may exist (rare): the union is what the device accepts.
    xml::forEachChild(xml::child(node, "SettingProfiles"), "SettingProfile", [&](pugi::xml_node profile) {
        xml::forEachChild(xml::child(profile, "ColorModes"), "ColorMode", [&](pugi::xml_node m) {
            auto mode = parseColorMode(m.text().get());
            if (mode && !caps.supportsColorMode(*mode)) caps.colorModes.push_back(*mode);
        });
        auto formats = xml::child(profile, "DocumentFormats");
        xml::forEachChild(formats, "DocumentFormat", [&](pugi::xml_node f) { addFormat(caps, f.text().get()); });
        xml::forEachChild(formats, "DocumentFormatExt", [&](pugi::xml_node f) { addFormat(caps, f.text().get()); });
        auto res = xml::child(profile, "SupportedResolutions");
        xml::forEachChild(xml::child(res, "DiscreteResolutions"), "DiscreteResolution", [&](pugi::xml_node r) {
            auto x = xml::integer(r, "XResolution"), y = xml::integer(r, "YResolution");
            if (x && y && *x > 0 && *y > 0 &&
                std::find(caps.resolutions.begin(), caps.resolutions.end(), std::pair{*x, *y}) == caps.resolutions.end())
                caps.resolutions.emplace_back(*x, *y);
        });
        if (auto range = xml::child(res, "ResolutionRange")) {
            auto xr = xml::child(range, "XResolutionRange");
            auto mn = xml::integer(xr, "Min"), mx = xml::integer(xr, "Max");
            if (mn && mx && *mn > 0 && *mx >= *mn)
                caps.resolutionRange = InputCaps::Range{*mn, *mx, std::max(1, xml::integer(xr, "Step").value_or(1))};
        }
    });
    return caps;
}

}  // namespace

Result<ScannerCapabilities> parseCapabilities(std::string_view text) {
    pugi::xml_document doc;
    if (auto r = xml::load(doc, text, "ScannerCapabilities"); !r) return r.error();
    pugi::xml_node root = doc.document_element();
    if (xml::localName(root) != "ScannerCapabilities")
        return makeError(ErrorCode::Protocol, "eSCL: expected ScannerCapabilities, got <" + std::string(root.name()) + ">");
    ScannerCapabilities caps;
    caps.version = xml::text(root, "Version");
    caps.makeAndModel = xml::text(root, "MakeAndModel");
    caps.uuid = xml::text(root, "UUID");
    if (auto p = xml::child(xml::child(root, "Platen"), "PlatenInputCaps")) caps.platen = parseInputCaps(p);
    if (auto adf = xml::child(root, "Adf")) {
        if (auto s = xml::child(adf, "AdfSimplexInputCaps")) caps.adfSimplex = parseInputCaps(s);
        if (auto d = xml::child(adf, "AdfDuplexInputCaps")) caps.adfDuplex = parseInputCaps(d);
        caps.feederCapacity = xml::integer(adf, "FeederCapacity").value_or(0);
        // A duplex-only description still means a feeder that can scan one side.
        if (!caps.adfSimplex && caps.adfDuplex) caps.adfSimplex = caps.adfDuplex;
    }
    if (!caps.platen && !caps.adfSimplex)
        return makeError(ErrorCode::Protocol, "eSCL: ScannerCapabilities lists neither a platen nor a feeder");
    for (const InputCaps* in : {caps.platen ? &*caps.platen : nullptr, caps.adfSimplex ? &*caps.adfSimplex : nullptr}) {
        if (in && in->resolutions.empty() && !in->resolutionRange)
            return makeError(ErrorCode::Protocol, "eSCL: an input source lists no resolution");
    }
    return caps;
}

static void describeInput(std::ostringstream& o, const char* name, const InputCaps& in) {
    o << name << ": " << in.maxWidth << "x" << in.maxHeight << " (1/300 in) max;";
    o << " modes";
    for (auto m : in.colorModes) o << ' ' << colorModeName(m);
    o << "; dpi";
    for (auto [x, y] : in.resolutions) {
        o << ' ' << x;
        if (y != x) o << 'x' << y;
    }
    if (in.resolutionRange) o << ' ' << in.resolutionRange->min << '-' << in.resolutionRange->max;
    o << "; formats";
    for (auto& f : in.documentFormats) o << ' ' << f;
    o << '\n';
}

std::string describeCapabilities(const ScannerCapabilities& caps) {
    std::ostringstream o;
    o << "model: " << (caps.makeAndModel.empty() ? "(not stated)" : caps.makeAndModel) << '\n';
    o << "eSCL version: " << (caps.version.empty() ? "(not stated)" : caps.version) << '\n';
    if (caps.platen) describeInput(o, "platen", *caps.platen);
    if (caps.adfSimplex) describeInput(o, "feeder", *caps.adfSimplex);
    if (caps.adfDuplex) o << "feeder duplex: yes\n";
    if (caps.feederCapacity) o << "feeder capacity: " << caps.feederCapacity << " sheets\n";
    return o.str();
}

}  // namespace guichet::escl
