#include "kiosk/crypto/json_wipe.hpp"

#include "drivers/common/bytes.hpp"

namespace guichet::crypto {

namespace {
void wipeStrings(nlohmann::json& j) {
    if (j.is_string()) {
        secureWipe(j.get_ref<std::string&>());
    } else if (j.is_object()) {
        for (auto& [k, v] : j.items()) wipeStrings(v);
    } else if (j.is_array()) {
        for (auto& v : j) wipeStrings(v);
    }
}
}  // namespace

void wipeJson(nlohmann::json& j) {
    wipeStrings(j);
    j = nullptr;
}

}  // namespace guichet::crypto
