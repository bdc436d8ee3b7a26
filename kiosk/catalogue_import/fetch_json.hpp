// One GET of a back-office document read as JSON, with the operator's message on every
// failure: which URL, and what is wrong (unreachable, HTTP status, not JSON, too long).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "drivers/common/result.hpp"
#include "kiosk/outbox/outbox_config.hpp"

namespace guichet::catalogue_import {

// `shownUrl` is what the message names (a signed URL is shown without its signature).
Result<nlohmann::json> fetchJson(const std::string& url, const std::string& shownUrl, const outbox::HttpConfig& http);

}  // namespace guichet::catalogue_import
