// Overwrites every string inside a JSON document (answers hold personal data), then
// empties it: nlohmann::json's own destructor would free the text without erasing it.
#pragma once

#include <nlohmann/json.hpp>

namespace guichet::crypto {

void wipeJson(nlohmann::json& j);

}  // namespace guichet::crypto
