// Authenticated encryption of personal data at rest (XChaCha20-Poly1305, libsodium).
// A sealed box is nonce || ciphertext || tag, bound to a context string (e.g. the UUID).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::crypto {

constexpr std::size_t kKeySize = 32;
constexpr std::size_t kSealOverhead = 24 + 16;  // nonce + tag

// The data key. Wiped on destruction; never copied into logs.
class SecretKey {
public:
    SecretKey();
    ~SecretKey();
    SecretKey(const SecretKey&);
    SecretKey& operator=(const SecretKey&);
    std::uint8_t* data() { return bytes_.data(); }
    const std::uint8_t* data() const { return bytes_.data(); }
    static SecretKey random();

private:
    std::array<std::uint8_t, kKeySize> bytes_{};
};

// Must be called once before any other function (idempotent, thread-safe).
bool initialise();

// context is authenticated but not stored: opening with another context fails, so a
// sealed attachment chunk cannot be swapped between submissions or positions.
Bytes seal(const SecretKey& key, const std::uint8_t* plain, std::size_t size, std::string_view context);
inline Bytes seal(const SecretKey& key, std::string_view plain, std::string_view context) {
    return seal(key, reinterpret_cast<const std::uint8_t*>(plain.data()), plain.size(), context);
}
// Appends the plaintext to out (out is not cleared, so callers can reuse a buffer).
Result<void> open(const SecretKey& key, const std::uint8_t* sealed, std::size_t size, std::string_view context,
                  Bytes& out);

// The key file: 32 raw bytes, mode 0600. Created on first start if absent (createIfMissing),
// refused if group/other can read it or its size is wrong.
Result<SecretKey> loadOrCreateKeyFile(const std::string& path, bool createIfMissing);

}  // namespace guichet::crypto
