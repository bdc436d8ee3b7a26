// Barcode readers are USB keyboards ("keyboard wedge"): holding the receipt's QR code to
// one types the reference and Enter in a few milliseconds. KeyBurst tells such a burst
// from a person typing, so the follow-up screen can take a scanned reference at once and
// ignore stray keys elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace guichet::followup {

class KeyBurst {
public:
    // Readers configured as in docs/followup.md send a key every 2-15 ms; a person
    // needs well over 60 ms between two keys.
    static constexpr std::int64_t kMaxGapMs = 50;
    static constexpr std::size_t kMinLength = 8;

    // One character typed (printable ASCII: a reference or a URL); others break the burst.
    void feed(char c, std::int64_t nowMs);
    // Enter: the burst typed so far, when it is one (fast and long enough); then cleared.
    std::optional<std::string> enter(std::int64_t nowMs);
    void clear();
    // The reference inside what a reader sent (a URL ending in it, or the bare reference).
    static std::string referenceIn(const std::string& scanned);
    ~KeyBurst() { clear(); }

private:
    std::string chars_;
    std::int64_t lastMs_ = 0;
    bool broken_ = false;
};

}  // namespace guichet::followup
