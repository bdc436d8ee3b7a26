// Scenario steps for "Suivre ma demande", which needs the reference of a demand stored
// earlier in the same run (its UUID, hence its reference, is random):
//   followup-type exact|lower|spaced|confusable   types the last stored reference in the
//                        open on-screen keyboard, as a resident might copy it
//   followup-scan [exact|unknown]                  the same reference as a barcode reader
//                        sends it: a burst of keys ending with Enter (keyboard closed)
//   followup-seed [CONNECTOR]  stores a demand (a street report by "Dupont Amélie") through
//                        the terminal's outbox, as the wizard's last step does, so that a
//                        scenario can follow it up without walking a whole procedure; the
//                        terminal's uploader then sends it through CONNECTOR (default directory)
#include <cctype>

#include "ui/integration/outbox_service.hpp"
#include "ui/integration/integration_services.hpp"
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"

namespace guichet::ui::followup {
namespace {

Result<std::string> lastReference() {
    auto* outbox = integration::outboxService();
    auto entry = outbox && !outbox->lastUuid().empty() ? outbox->find(outbox->lastUuid()) : std::nullopt;
    if (!entry) return makeError(ErrorCode::NotFound, "no submission was stored in the outbox yet");
    return entry->reference;
}

Result<void> typeReference(StepContext& c) {
    auto ref = lastReference();
    if (!ref) return ref.error();
    const std::string& form = c.step.args[0];
    std::string typed;
    if (form == "exact") {
        typed = *ref;
    } else if (form == "lower") {  // "gu7k3m9qx2": no dashes, lower case
        for (char ch : *ref)
            if (ch != '-') typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    } else if (form == "spaced") {  // "7K3M 9QX2": without the prefix, a space for the dash
        typed = ref->substr(3, 4) + " " + ref->substr(8, 4);
    } else if (form == "confusable") {  // one symbol read as an O
        typed = *ref;
        typed[4] = 'O';
    } else {
        return makeError(ErrorCode::InvalidArgument, "followup-type: exact, lower, spaced or confusable");
    }
    c.host.settle();
    if (!c.host.shell().keyboard().isOpen())
        return makeError(ErrorCode::InvalidArgument, "no field is being edited (tap the reference field first)");
    c.host.text(typed);
    c.host.settle();
    return {};
}

Result<void> scanReference(StepContext& c) {
    std::string ref;
    std::string form = c.step.args.empty() ? "exact" : c.step.args[0];
    if (form == "unknown") {
        ref = "GU-2345-6789";
    } else if (form == "exact") {
        auto last = lastReference();
        if (!last) return last.error();
        ref = *last;
    } else {
        return makeError(ErrorCode::InvalidArgument, "followup-scan: exact or unknown");
    }
    c.host.settle();
    // A keyboard-wedge reader: each digit is a key press, each letter and dash a character,
    // all within a few milliseconds, then Enter. Nothing settles in between.
    for (char ch : ref) {
        if (std::isdigit(static_cast<unsigned char>(ch))) {
            if (auto r = c.host.key(std::string(1, ch)); !r) return r;
        } else {
            c.host.text(std::string(1, ch));
        }
    }
    if (auto r = c.host.key("enter"); !r) return r;
    c.host.settle();
    return {};
}

Result<void> seed(StepContext& c) {
    auto* outbox = integration::outboxService();
    if (!outbox) return makeError(ErrorCode::NotFound, "the terminal has no outbox");
    Submission s;
    s.uuid = newUuid();
    s.reference = referenceFromUuid(s.uuid);
    s.procedureId = "signalement";
    // The connector that sends it: the terminal's own (directory in --demo) unless named.
    s.connector = c.step.args.empty() ? "directory" : c.step.args[0];
    s.language = "fr";
    s.terminalId = "scenario";
    s.createdAt = 1790000000;
    s.answers = {{"nom", "Dupont"},
                 {"prenom", "Amélie"},
                 {"lieu", "12 rue des Lilas"},
                 {"description", "Lampadaire éteint rue des Lilas"}};
    auto r = outbox->store(s);
    s.wipe();
    if (!r) return r;
    c.host.settle();
    return {};
}

}  // namespace

GUICHET_SCENARIO_STEP({"followup-seed", "followup-seed [CONNECTOR] (a stored demand to follow up)", 0, 1, seed});
GUICHET_SCENARIO_STEP({"followup-type", "followup-type exact|lower|spaced|confusable", 1, 1, typeReference});
GUICHET_SCENARIO_STEP({"followup-scan", "followup-scan [exact|unknown]", 0, 1, scanReference});

}  // namespace guichet::ui::followup
