// Publik w.c.s. → procedures: the formdefs list and each form's schema, read through the
// same signed query string as the w.c.s. connector (orig, timestamp, nonce, HMAC-SHA256).
#pragma once

#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "kiosk/catalogue_import/upstream_model.hpp"
#include "kiosk/outbox/outbox_config.hpp"

namespace guichet::catalogue_import {

struct WcsImportOptions {
    std::string baseUrl;  // "https://demarches.ville.fr": api/formdefs/ is appended
    std::string orig;
    std::string key;
    std::vector<std::string> only;  // slugs to import (empty: all)
    outbox::HttpConfig http;
};

Result<std::vector<UpstreamProcedure>> importWcs(const WcsImportOptions& options);

// The pure part (tests): one entry of the formdefs list and its schema.
Result<UpstreamProcedure> wcsProcedure(const nlohmann::json& entry, const nlohmann::json& schema, const std::string& where);

}  // namespace guichet::catalogue_import
