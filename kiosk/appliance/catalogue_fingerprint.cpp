#include "kiosk/appliance/catalogue_fingerprint.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace guichet::appliance {
namespace fs = std::filesystem;

namespace {
constexpr std::uint64_t kFnvOffset = 14695981039346656037ull, kFnvPrime = 1099511628211ull;
void mix(std::uint64_t& h, const std::string& bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * kFnvPrime;
    h = (h ^ 0xff) * kFnvPrime;  // separator: "ab"+"c" differs from "a"+"bc"
}
}  // namespace

CatalogueFingerprint fingerprintCatalogue(const std::string& directory) {
    CatalogueFingerprint f;
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".toml") files.push_back(it->path());
    if (files.empty()) return f;
    std::sort(files.begin(), files.end());
    std::uint64_t h = kFnvOffset;
    for (const auto& p : files) {
        std::ifstream in(p, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        mix(h, fs::relative(p, directory, ec).generic_string());
        mix(h, bytes);
        auto t = fs::last_write_time(p, ec);
        if (!ec) {
            auto s = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::file_clock::to_sys(t).time_since_epoch()).count();
            f.newestChange = std::max<std::int64_t>(f.newestChange, s);
        }
        ++f.files;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    f.hash.assign(hex, 8);
    return f;
}

}  // namespace guichet::appliance
