// Which catalogue a terminal runs: the catalogue has no version number of its own, so the
// console shows a fingerprint of its files (names and contents) and the newest change —
// two terminals with the same fingerprint run the same démarches, word for word.
#pragma once

#include <cstdint>
#include <string>

namespace guichet::appliance {

struct CatalogueFingerprint {
    int files = 0;                // *.toml files read
    std::string hash;             // 8 hex digits (FNV-1a over sorted names and contents); "" = none
    std::int64_t newestChange = 0;  // Unix seconds of the most recently modified file
};

// Never fails: an unreadable folder gives files = 0 and an empty hash.
CatalogueFingerprint fingerprintCatalogue(const std::string& directory);

}  // namespace guichet::appliance
