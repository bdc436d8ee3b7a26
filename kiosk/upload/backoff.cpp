#include "kiosk/upload/backoff.hpp"

#include <algorithm>

namespace guichet::upload {

std::int64_t backoffDelayMs(const outbox::BackoffConfig& cfg, int attempt, std::mt19937_64& rng) {
    const int shift = std::clamp(attempt - 1, 0, 40);
    const double ceiling = std::min(static_cast<double>(cfg.capMs), static_cast<double>(cfg.baseMs) * static_cast<double>(1ULL << shift));
    const auto top = static_cast<std::int64_t>(ceiling);
    std::uniform_int_distribution<std::int64_t> half(0, top / 2);
    return top - top / 2 + half(rng);
}

}  // namespace guichet::upload
