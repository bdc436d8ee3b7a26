// Byte buffers and the hex helpers that tests, logs of protocol frames and operator tools share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet {

using Bytes = std::vector<std::uint8_t>;

std::string toHex(const std::uint8_t* data, std::size_t size, bool spaced = true);
inline std::string toHex(const Bytes& b, bool spaced = true) { return toHex(b.data(), b.size(), spaced); }

// Accepts "3B F2 18", "3bf218", "3B:F2:18"; nullopt on an odd digit count or a non-hex char.
std::optional<Bytes> fromHex(std::string_view text);

// Overwrites memory that held personal data in a way the optimiser cannot elide.
void secureWipe(void* data, std::size_t size);
inline void secureWipe(std::string& s) { secureWipe(s.data(), s.size()); s.clear(); s.shrink_to_fit(); }
inline void secureWipe(Bytes& b) { secureWipe(b.data(), b.size()); b.clear(); b.shrink_to_fit(); }

}  // namespace guichet
