// Open311 GeoReport v2 → procedures: GET services.json, then services/<code>.json for each
// service with metadata, one procedure per service (its attributes become its questions).
#pragma once

#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "kiosk/catalogue_import/upstream_model.hpp"
#include "kiosk/outbox/outbox_config.hpp"

namespace guichet::catalogue_import {

struct Open311ImportOptions {
    std::string baseUrl;        // ".../open311/v2": services.json is appended
    std::string jurisdictionId;
    std::vector<std::string> only;  // service codes to import (empty: all)
    outbox::HttpConfig http;
};

Result<std::vector<UpstreamProcedure>> importOpen311(const Open311ImportOptions& options);

// The pure part (tests): one service of services.json and its definition (null when the
// service has no metadata). `where` names the document in error messages.
Result<UpstreamProcedure> open311Procedure(const nlohmann::json& service, const nlohmann::json& definition,
                                           const std::string& where);

}  // namespace guichet::catalogue_import
