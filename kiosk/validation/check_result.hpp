// The answer of one validator: the canonical value to keep, or a message for the resident
// that names the problem and says how to fix it (A21). Never holds anything for logs.
#pragma once

#include <string>

namespace guichet::validation {

struct Check {
    bool ok = false;
    std::string value;    // canonical form when ok ("+33612345678", "DUPONT-MARTIN")
    std::string message;  // when not ok: plain French, with a fix

    static Check good(std::string v) { return {true, std::move(v), {}}; }
    static Check bad(std::string m) { return {false, {}, std::move(m)}; }
};

}  // namespace guichet::validation
