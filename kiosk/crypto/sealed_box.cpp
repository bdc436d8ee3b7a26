#include "kiosk/crypto/sealed_box.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace guichet::crypto {

SecretKey::SecretKey() = default;
SecretKey::~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }
SecretKey::SecretKey(const SecretKey& o) : bytes_(o.bytes_) {}
SecretKey& SecretKey::operator=(const SecretKey& o) {
    bytes_ = o.bytes_;
    return *this;
}

SecretKey SecretKey::random() {
    initialise();
    SecretKey k;
    crypto_aead_xchacha20poly1305_ietf_keygen(k.bytes_.data());
    return k;
}

bool initialise() { return sodium_init() >= 0; }

Bytes seal(const SecretKey& key, const std::uint8_t* plain, std::size_t size, std::string_view context) {
    Bytes out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + size + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    randombytes_buf(out.data(), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen, plain,
                                               size, reinterpret_cast<const unsigned char*>(context.data()),
                                               context.size(), nullptr, out.data(), key.data());
    return out;
}

Result<void> open(const SecretKey& key, const std::uint8_t* sealed, std::size_t size, std::string_view context,
                  Bytes& out) {
    if (size < kSealOverhead) return makeError(ErrorCode::Corrupt, "sealed data too short");
    const std::size_t plainSize = size - kSealOverhead;
    const std::size_t base = out.size();
    out.resize(base + plainSize);
    unsigned long long mlen = 0;
    const std::size_t n = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.data() + base, &mlen, nullptr, sealed + n, size - n,
                                                   reinterpret_cast<const unsigned char*>(context.data()),
                                                   context.size(), sealed, key.data()) != 0) {
        out.resize(base);
        return makeError(ErrorCode::Corrupt, "sealed data failed authentication (wrong key or tampered)");
    }
    return {};
}

Result<SecretKey> loadOrCreateKeyFile(const std::string& path, bool createIfMissing) {
    if (!initialise()) return makeError(ErrorCode::Io, "libsodium failed to initialise");
    SecretKey key;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && createIfMissing) {
        key = SecretKey::random();
        // Written to a temporary name then renamed: a crash never leaves a short key file.
        const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
        int w = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (w < 0) return makeError(ErrorCode::Io, path + ": cannot create key file: " + std::strerror(errno));
        ::fchmod(w, 0600);
        bool good = ::write(w, key.data(), kKeySize) == static_cast<ssize_t>(kKeySize) && ::fsync(w) == 0;
        ::close(w);
        // link() creates the name only if absent: when two processes start together, one key
        // wins and the other process reads it.
        const bool linked = good && ::link(tmp.c_str(), path.c_str()) == 0;
        const int linkErrno = errno;
        ::unlink(tmp.c_str());
        if (!linked && !(good && linkErrno == EEXIST))
            return makeError(ErrorCode::Io, path + ": cannot write key file: " + std::strerror(linkErrno));
        if (linked) return key;
        return loadOrCreateKeyFile(path, false);
    }
    if (fd < 0) return makeError(ErrorCode::NotFound, path + ": cannot open key file: " + std::strerror(errno));
    struct stat st {};
    ::fstat(fd, &st);
    if ((st.st_mode & 077) != 0) {
        ::close(fd);
        return makeError(ErrorCode::PermissionDenied, path + ": key file must be mode 0600 (run: chmod 600 " + path + ")");
    }
    ssize_t got = ::read(fd, key.data(), kKeySize);
    char extra;
    ssize_t more = ::read(fd, &extra, 1);
    ::close(fd);
    if (got != static_cast<ssize_t>(kKeySize) || more != 0)
        return makeError(ErrorCode::Corrupt, path + ": key file must hold exactly 32 bytes");
    return key;
}

}  // namespace guichet::crypto
