// An imported procedure as a catalogue file a town can read and edit: one comment per
// field saying where it came from, upstream texts in French only (the town translates),
// the importer's own steps in every language, and placeholders the check warns about.
#pragma once

#include <string>
#include <vector>

#include "kiosk/catalogue_import/upstream_model.hpp"

namespace guichet::catalogue_import {

// The procedure file (<id>.toml). Deterministic: the same upstream gives the same bytes,
// which is how a re-import tells an untouched file from one the town edited.
std::string procedureToml(const UpstreamProcedure& p);

// The outbox fragment routing these procedures to their connector (_outbox-<source>.toml):
// [routes], [connectors.open311] with one service mapping per procedure, or
// [connectors.wcs] with formdefs and the field → varname table. Secrets are placeholders.
struct RoutingOptions {
    std::string source;          // "open311" | "wcs"
    std::string baseUrl;
    std::string jurisdictionId;  // open311
    std::string orig;            // wcs
};
std::string routingToml(const std::vector<UpstreamProcedure>& procedures, const RoutingOptions& options);

// A starter _commune.toml for a new catalogue folder (the town's name to fill in).
std::string starterCommuneToml();

// "\"…\"" with TOML escapes.
std::string tomlQuote(const std::string& s);

}  // namespace guichet::catalogue_import
