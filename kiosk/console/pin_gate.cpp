#include "kiosk/console/pin_gate.hpp"

#include <sodium.h>

#include "drivers/common/log.hpp"

namespace guichet::console {

PinGate::PinGate(std::string hash, Clock clock) : hash_(std::move(hash)), clock_(std::move(clock)) {
    if (sodium_init() < 0) hash_.clear();  // no libsodium: refuse rather than accept
}

bool PinGate::locked() const { return clock_() < lockedUntil_; }

int PinGate::secondsLeftLocked() const {
    auto left = lockedUntil_ - clock_();
    if (left <= std::chrono::steady_clock::duration::zero()) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(left).count());
}

PinGate::Outcome PinGate::submit(std::string& digits) {
    struct Wipe {
        std::string& s;
        ~Wipe() { sodium_memzero(s.data(), s.size()); s.clear(); }
    } wipe{digits};
    if (hash_.empty()) {
        log::warning("console", "PIN refused: no [console] pin_hash configured");
        return Outcome::NotConfigured;
    }
    if (locked()) {
        log::warning("console", "PIN attempt while locked (" + std::to_string(secondsLeftLocked()) + " s left)");
        return Outcome::Locked;
    }
    if (crypto_pwhash_str_verify(hash_.c_str(), digits.data(), digits.size()) == 0) {
        failures_ = 0;
        log::info("console", "opened: PIN accepted");
        return Outcome::Accepted;
    }
    ++failures_;
    if (failures_ >= kMaxFailures) {
        failures_ = 0;
        lockedUntil_ = clock_() + kLockout;
        log::warning("console", "wrong PIN " + std::to_string(kMaxFailures) + " times: locked for 5 minutes");
        return Outcome::Locked;
    }
    log::warning("console", "wrong PIN (" + std::to_string(failures_) + " of " + std::to_string(kMaxFailures) + ")");
    return Outcome::Wrong;
}

bool looksLikeArgon2idHash(const std::string& hash) {
    return hash.rfind("$argon2id$", 0) == 0 && hash.size() < crypto_pwhash_STRBYTES;
}

}  // namespace guichet::console
