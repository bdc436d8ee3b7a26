// Exponential backoff with "equal jitter": the n-th retry waits between half and all of
// min(cap, base * 2^(n-1)), so terminals that lost the network together do not return together.
#pragma once

#include <cstdint>
#include <random>

#include "kiosk/outbox/outbox_config.hpp"

namespace guichet::upload {

std::int64_t backoffDelayMs(const outbox::BackoffConfig& cfg, int attempt, std::mt19937_64& rng);

}  // namespace guichet::upload
