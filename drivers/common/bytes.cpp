#include "drivers/common/bytes.hpp"

#include <cstring>

namespace guichet {

std::string toHex(const std::uint8_t* data, std::size_t size, bool spaced) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    out.reserve(size * 3);
    for (std::size_t i = 0; i < size; ++i) {
        if (spaced && i) out.push_back(' ');
        out.push_back(digits[data[i] >> 4]);
        out.push_back(digits[data[i] & 0x0F]);
    }
    return out;
}

std::optional<Bytes> fromHex(std::string_view text) {
    Bytes out;
    int pending = -1;
    for (char c : text) {
        int v;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else if (c == ' ' || c == ':' || c == '\t' || c == '\n' || c == ',') {
            if (pending >= 0) return std::nullopt;  // separators only between whole bytes
            continue;
        } else return std::nullopt;
        if (pending < 0) pending = v;
        else { out.push_back(static_cast<std::uint8_t>(pending << 4 | v)); pending = -1; }
    }
    if (pending >= 0) return std::nullopt;
    return out;
}

void secureWipe(void* data, std::size_t size) {
    if (data && size) explicit_bzero(data, size);
}

}  // namespace guichet
