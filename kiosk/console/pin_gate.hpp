// The operator console's PIN check: the PIN is known only as an argon2id hash (libsodium
// crypto_pwhash_str, made by `guichetctl pin hash`); five wrong PINs in a row lock the
// console for five minutes. Every attempt is logged as "console" — never the PIN.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace guichet::console {

class PinGate {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    static constexpr int kMaxFailures = 5;
    static constexpr std::chrono::minutes kLockout{5};

    // hash: "$argon2id$v=19$m=…"; empty = no PIN configured: the console never opens.
    explicit PinGate(std::string hash, Clock clock = &std::chrono::steady_clock::now);

    enum class Outcome { Accepted, Wrong, Locked, NotConfigured };
    // Checks the digits and wipes them (the caller's buffer is overwritten).
    Outcome submit(std::string& digits);
    bool locked() const;
    int secondsLeftLocked() const;
    int failures() const { return failures_; }

private:
    std::string hash_;
    Clock clock_;
    int failures_ = 0;
    std::chrono::steady_clock::time_point lockedUntil_{};
};

// Checks a hash string's shape (for the configuration loader): argon2id only.
bool looksLikeArgon2idHash(const std::string& hash);

}  // namespace guichet::console
