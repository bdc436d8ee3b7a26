// What a resident types (or a barcode reader sends) as the reference of their receipt,
// turned into the canonical "GU-XXXX-XXXX" — or a plain-French reason it cannot be one.
#pragma once

#include <string>
#include <string_view>

namespace guichet::followup {

struct ReferenceInput {
    bool ok = false;
    std::string canonical;  // "GU-7K3M-9QX2" when ok
    std::string problem;    // for the resident, when not ok (plain French, with the fix)
    bool confusable = false;  // a look-alike character: not a guess, just a misreading
};

// Case, spaces, dashes and the "GU" prefix are optional. A typed 0/O/1/I/L/U (never in
// a reference) gives `confusable` and a message naming the rule.
ReferenceInput normaliseReference(std::string_view typed);

// The number of possible references (30^8): said in docs/followup.md and the tests.
double referenceSpaceBits();

}  // namespace guichet::followup
