// Scenario steps of the wizard and its chapter of the demo tour.
//   expect-submission FILE   the last stored submission equals FILE (JSON), with uuid,
//                            reference and created_at masked (they change every run)
//   dump-submission FILE     writes it (masked) to OUT/FILE, to create an expected file
#include <fstream>

#include "ui/scenario/demo_tour.hpp"
#include "ui/scenario/scenario.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui::wizard {
namespace {

nlohmann::json masked() {
    auto* rt = WizardRuntime::instance();
    if (!rt || rt->lastSubmission().is_null()) return nlohmann::json();
    nlohmann::json j = rt->lastSubmission();
    j["uuid"] = "<uuid>";
    j["reference"] = "<reference>";
    j["created_at"] = "<created_at>";
    // A card payment's transaction number and time change every run too.
    if (j.contains("answers") && j["answers"].contains("paiement") && j["answers"]["paiement"].is_object()) {
        auto& p = j["answers"]["paiement"];
        if (p.contains("transaction")) p["transaction"] = "<transaction>";
        if (p.contains("horodatage")) p["horodatage"] = "<horodatage>";
    }
    return j;
}

Result<void> expectSubmission(StepContext& c) {
    nlohmann::json actual = masked();
    if (actual.is_null()) return makeError(ErrorCode::NotFound, "no submission was stored");
    std::ifstream in(c.step.args[0]);
    if (!in) return makeError(ErrorCode::NotFound, "cannot read " + c.step.args[0]);
    nlohmann::json expected;
    try {
        in >> expected;
    } catch (const nlohmann::json::exception& e) {
        return makeError(ErrorCode::InvalidArgument, c.step.args[0] + ": " + e.what());
    }
    if (actual != expected)
        return makeError(ErrorCode::Protocol, "submission differs from " + c.step.args[0] + ":\n" + actual.dump(2) +
                                                  "\ndiff: " + nlohmann::json::diff(expected, actual).dump());
    return {};
}

Result<void> dumpSubmission(StepContext& c) {
    nlohmann::json actual = masked();
    if (actual.is_null()) return makeError(ErrorCode::NotFound, "no submission was stored");
    std::ofstream(c.host.outDir() + "/" + c.step.args[0]) << actual.dump(2) << "\n";
    return {};
}

}  // namespace

GUICHET_SCENARIO_STEP({"expect-submission", "expect-submission \"expected.json\"", 1, 1, expectSubmission});
GUICHET_SCENARIO_STEP({"dump-submission", "dump-submission \"name.json\"", 1, 1, dumpSubmission});

// The demo walks through a whole street report, with the review and the confirmation.
const char* const kDemoChapter = R"SCN(tap "Touchez l'écran pour commencer"
tap "Signaler un problème dans la rue"
shot wizard-1-question
tap "L'éclairage public (lampe éteinte ou cassée)"
tap "Non"
tap "Continuer"
tap "Adresse ou lieu"
type "Devant l'école Jules-Ferry"
tap "Valider"
tap "Continuer"
tap "Ce que vous avez vu"
type "Le lampadaire est éteint depuis une semaine."
tap "Valider"
shot wizard-2-description
tap "Continuer"
tap "Non"
tap "Continuer"
expect "Vérifiez vos réponses"
shot wizard-3-review
tap "Envoyer ma demande"
expect "Votre référence"
shot wizard-4-confirmation
tap "Terminer"
)SCN";
GUICHET_DEMO_CHAPTER(50, "signalement", kDemoChapter);

}  // namespace guichet::ui::wizard
