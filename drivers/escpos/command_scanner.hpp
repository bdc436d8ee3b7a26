// Where the commands of a job we encoded begin and end. When a job is cut off mid-transfer
// the printer may sit inside a command (a raster image waiting for its rows): before the job
// is sent again, enough NUL bytes must finish that command, or it would swallow the retry.
#pragma once

#include <cstdint>
#include <span>

namespace guichet::escpos {

// Length of the command starting at p[0] (text bytes are 1); 0 if `n` bytes do not hold it.
std::size_t commandLength(const std::uint8_t* p, std::size_t n);

// NUL bytes that complete whatever command the printer may be inside when it received
// somewhere between `from` and `to` bytes of `job` (both inclusive). NUL outside a command
// prints nothing, so over-padding is harmless; under-padding is not.
std::size_t resyncPadding(std::span<const std::uint8_t> job, std::size_t from, std::size_t to);

}  // namespace guichet::escpos
