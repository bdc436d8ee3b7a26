#include "drivers/escpos/command_scanner.hpp"

#include <algorithm>

namespace guichet::escpos {

std::size_t commandLength(const std::uint8_t* p, std::size_t n) {
    if (n == 0) return 0;
    const std::uint8_t b = p[0];
    auto need = [&](std::size_t k) -> std::size_t { return n >= k ? k : 0; };
    if (b == 0x1B) {  // ESC: the commands commands.hpp emits
        if (n < 2) return 0;
        return p[1] == '@' ? 2 : need(3);
    }
    if (b == 0x10) return need(3);  // DLE EOT n
    if (b == 0x1D) {
        if (n < 2) return 0;
        switch (p[1]) {
            case 'v': {  // GS v 0 m xL xH yL yH data
                if (n < 8) return 0;
                const std::size_t len = 8 + static_cast<std::size_t>(p[4] | p[5] << 8) * static_cast<std::size_t>(p[6] | p[7] << 8);
                return need(len);
            }
            case '(': {
                if (n < 5) return 0;
                return need(5 + static_cast<std::size_t>(p[3] | p[4] << 8));
            }
            case 'V': {
                if (n < 3) return 0;
                return (p[2] == 0 || p[2] == 1 || p[2] == '0' || p[2] == '1') ? 3 : need(4);
            }
            default: return need(3);  // GS ! n, GS a n
        }
    }
    return 1;
}

std::size_t resyncPadding(std::span<const std::uint8_t> job, std::size_t from, std::size_t to) {
    std::size_t padding = 0;
    std::size_t at = 0;
    to = std::min(to, job.size());
    while (at < job.size() && at <= to) {
        std::size_t len = commandLength(job.data() + at, job.size() - at);
        if (len == 0) len = job.size() - at;  // a truncated tail: it ends with the job
        const std::size_t end = at + len;
        // Cut strictly inside [at, end): the printer still waits for end - cut bytes.
        if (end > from && len > 1) {
            const std::size_t firstCut = std::max(at + 1, from);
            if (firstCut < end && firstCut <= to) padding = std::max(padding, end - firstCut);
        }
        at = end;
    }
    return padding;
}

}  // namespace guichet::escpos
