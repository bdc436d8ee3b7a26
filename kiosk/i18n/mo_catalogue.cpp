#include "kiosk/i18n/mo_catalogue.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

namespace guichet::i18n {

namespace {
constexpr std::uint32_t kMagic = 0x950412de, kMagicSwapped = 0xde120495;

std::uint32_t word(const std::string& b, std::size_t at, bool swapped) {
    std::uint32_t v;
    std::memcpy(&v, b.data() + at, 4);
    return swapped ? __builtin_bswap32(v) : v;
}
}  // namespace

std::unique_ptr<const MoCatalogue> MoCatalogue::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream ss;
    ss << in.rdbuf();
    auto c = std::unique_ptr<MoCatalogue>(new MoCatalogue());
    c->bytes_ = ss.str();
    const std::string& b = c->bytes_;
    if (b.size() < 28) return nullptr;
    std::uint32_t magic;
    std::memcpy(&magic, b.data(), 4);
    if (magic != kMagic && magic != kMagicSwapped) return nullptr;
    const bool sw = magic == kMagicSwapped;
    const std::uint32_t count = word(b, 8, sw), originals = word(b, 12, sw), translations = word(b, 16, sw);
    auto string = [&](std::uint32_t table, std::uint32_t i, std::string_view& out) {
        const std::size_t at = static_cast<std::size_t>(table) + 8u * i;
        if (at + 8 > b.size()) return false;
        const std::uint32_t len = word(b, at, sw), off = word(b, at + 4, sw);
        if (static_cast<std::size_t>(off) + len >= b.size()) return false;  // +1: the NUL gettext writes
        out = std::string_view(b.data() + off, len);
        return true;
    };
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string_view id, str;
        if (!string(originals, i, id) || !string(translations, i, str)) return nullptr;
        // A plural entry's msgid is "singular\0plural": it is looked up by its singular.
        if (auto nul = id.find('\0'); nul != std::string_view::npos) id = id.substr(0, nul);
        c->entries_.emplace(id, str);
    }
    if (auto header = c->entries_.find(std::string_view()); header != c->entries_.end())
        c->pluralIsGreaterThanOne_ = header->second.find("plural=(n > 1)") != std::string_view::npos;
    return c;
}

const char* MoCatalogue::find(std::string_view msgid) const {
    auto it = entries_.find(msgid);
    if (it == entries_.end() || it->second.empty()) return nullptr;
    return it->second.data();  // NUL-terminated in the file
}

const char* MoCatalogue::findPlural(std::string_view singular, unsigned long n) const {
    auto it = entries_.find(singular);
    if (it == entries_.end() || it->second.empty()) return nullptr;
    const bool pluralForm = pluralIsGreaterThanOne_ ? n > 1 : n != 1;
    std::string_view forms = it->second;
    if (!pluralForm) return forms.data();
    auto nul = forms.find('\0');
    if (nul == std::string_view::npos) return forms.data();
    return forms.data() + nul + 1;
}

}  // namespace guichet::i18n
