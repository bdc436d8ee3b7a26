// Validates one answer as a careful desk agent would, by the field's type and rules, and
// turns it into its canonical value (ISO date, E.164 phone, choice value…), or gives the
// resident a message that names the problem and the fix. Also formats canonical values
// back for the review page, the receipt and speech.
#pragma once

#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/appointments/appointment_calendar.hpp"
#include "kiosk/procedures/procedure.hpp"

namespace guichet::procedures {

// The town's calendars, shared by every session (so a slot is not handed out twice).
using AppointmentBook = std::map<std::string, appointments::AppointmentCalendar>;
AppointmentBook makeAppointmentBook(const CatalogueSettings& settings);

struct ValidationContext {
    const CatalogueSettings& settings;
    validation::CivilDate today;
    const AppointmentBook* appointments = nullptr;
    Condition::Lookup answers;  // earlier answers, for choice conditions
    std::string language = "fr";
};

struct FieldOutcome {
    bool ok = false;
    bool empty = false;          // nothing was answered (fine when not required)
    nlohmann::json value;        // canonical, when ok and not empty
    std::string message;         // when not ok
};

bool isEmptyAnswer(const nlohmann::json& raw);
FieldOutcome validateField(const Field& field, const nlohmann::json& raw, const ValidationContext& ctx);

// A choice as the page shows it: offered, or replaced by the explanation of why not.
struct ChoiceView {
    const Choice* choice;
    bool available = true;
    std::string unavailableText;
};
std::vector<ChoiceView> choiceViews(const Field& field, const Condition::Lookup& answers,
                                    const validation::CivilDate& today, const std::string& language);

// "14/07/1952", "06 12 34 56 78", "Copie intégrale", "45000 Orléans", "Oui"…
std::string displayValue(const Field& field, const nlohmann::json& canonical, const std::string& language);

}  // namespace guichet::procedures
