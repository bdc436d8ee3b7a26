// The catalogue model: a procedure (démarche) is steps of fields with validation rules,
// conditions on earlier answers, cross-field rules, the receipt to print and the connector
// that carries it. Built by the loader from config/procedures/*.toml; read-only after.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/appointments/appointment_calendar.hpp"
#include "kiosk/procedures/condition.hpp"
#include "kiosk/procedures/localized_text.hpp"
#include "kiosk/validation/contact_checks.hpp"

namespace guichet::procedures {

enum class FieldType {
    Text, LongText, Number, Date, Choice, YesNo, Email, Phone, PostalCommune, Address,
    Appointment, Document, Card, Computed, Rating,
};
const char* fieldTypeName(FieldType t);              // "text", "long_text", …
std::optional<FieldType> fieldTypeFromName(const std::string& name);

using ConditionPtr = std::shared_ptr<const Condition>;

struct Choice {
    std::string value;
    LocalizedText label;
    ConditionPtr condition;     // offered only when true
    LocalizedText unavailable;  // shown instead, when the condition hides the choice: why, and what to do
    int line = 0, conditionLine = 0;
    // A device the terminal must have, ready, for the choice to be offered at all
    // ("payment_terminal": "Payer maintenant par carte bancaire"); "" = none. Unlike a
    // condition, an unmet requirement hides the choice: the resident cannot get it here.
    std::string requires_;
};
// The device names `requires` may use.
inline constexpr const char* kRequiresPaymentTerminal = "payment_terminal";

struct Field {
    std::string id;
    FieldType type = FieldType::Text;
    LocalizedText label, help, placeholder;
    bool required = true;
    ConditionPtr condition;     // asked only when true
    int line = 0, conditionLine = 0;

    // Text-like
    std::optional<int> minLength, maxLength;
    std::string pattern;        // ECMAScript regex, whole value
    LocalizedText patternMessage;
    std::string check;          // named desk-agent check: "nom", "prenom", "ants", "montant", "commune_locale"
    // Number / rating
    std::optional<double> min, max;
    bool integer = true;
    // Date
    bool past = false, future = false;
    std::optional<int> minAge, maxAge;
    LocalizedText ageMessage;
    std::optional<int> maxDaysAgo;  // "less than 3 months old": 92
    // Choice
    std::vector<Choice> choices;
    bool multiple = false;
    // Phone
    bool mobileOnly = false;
    // Postal code + commune, address
    bool localOnly = false;     // must be in the town's own postal codes
    // Appointment
    std::string calendar;
    // Document
    LocalizedText documentKind; // "Justificatif de domicile de moins de 3 mois"
    int maxPages = 4;
    bool allowLater = false;    // "Je l'apporterai au guichet"
    // Card
    LocalizedText fallbackLabel;  // the typed-in alternative ("Je n'ai pas ma carte")
    std::string fallbackPattern;
    // Computed
    std::string compute;        // template with {field} placeholders

    bool numericKeyboard() const;  // digits keypad: number, date, phone, rating, postal code
    bool isInput() const { return type != FieldType::Computed; }
};

struct Step {
    // Questions: a page of fields. Payment: the card payment at the payment terminal (TPE),
    // run after the review and before the submission is stored (the submission carries its
    // outcome); it has no fields, only the field holding the amount (and the bill reference).
    enum class Kind { Questions, Payment };
    std::string id;
    Kind kind = Kind::Questions;
    LocalizedText title, help;
    ConditionPtr condition;
    std::vector<Field> fields;
    std::string amountField;     // payment: a text field with check = "montant", asked before
    std::string referenceField;  // payment: optional, the bill reference told to the TPE's journal
    int line = 0, conditionLine = 0;
    bool isPayment() const { return kind == Kind::Payment; }
};

// A rule across fields, checked when the page holding `field` is left.
struct Rule {
    enum class Kind { Require, ActRights } kind = Kind::Require;
    std::string field;          // where the message is shown
    ConditionPtr require;       // Require: must be true (when `when` is true)
    ConditionPtr when;
    LocalizedText message;
    // ActRights (décret 2017-890): which fields carry the act kind, type and qualité
    std::string acte;           // "naissance", "mariage", "deces"
    std::string typeField, qualiteField, birthDateField;
    int line = 0;
};

struct ReceiptRow {
    LocalizedText label;
    std::string value;          // template: "{nom} {prenoms}"
    int line = 0;
};

// A next step printed only when its condition holds ("Par courrier : …" when the act is
// posted), so the receipt tells the resident what follows the option they chose.
struct ReceiptNote {
    ConditionPtr when;
    LocalizedText text;
    int line = 0;
};

struct ReceiptSpec {
    LocalizedText title;
    std::vector<ReceiptRow> rows;
    std::vector<LocalizedText> lines;
    LocalizedText nextSteps;        // always printed
    std::vector<ReceiptNote> next;  // [[receipt.next]]: printed when `when` is true
    // "reference": the town's follow-up page for this reference (left out when the town
    // has none), "payment": the payment page, "none".
    std::string qr = "reference";
    LocalizedText footer;
    int line = 0;
};

struct PaymentSpec {
    std::string urlTemplate;    // "https://paiement.ville.fr/facture?ref={reference_facture}&montant={montant}"
    LocalizedText atDesk;       // "À régler au guichet de la mairie…"
    int line = 0;
    bool present() const { return !urlTemplate.empty(); }
};

struct InfoPage {
    std::string id;
    LocalizedText title, body;
    int line = 0;
};

struct Procedure {
    std::string id;
    int version = 1;
    std::string kind = "form";  // "form", "survey" (anonymous), "information"
    LocalizedText title, falc;
    std::string icon;
    std::string connector;      // named only: the outbox implements it
    int order = 100;            // position on the home screen
    std::vector<Step> steps;
    std::vector<Rule> rules;
    ReceiptSpec receipt;
    PaymentSpec payment;
    std::vector<InfoPage> pages;  // kind == "information"
    std::string file;

    const Field* findField(const std::string& id) const;
    const Step* stepOfField(const std::string& id) const;
    bool anonymous() const { return kind == "survey"; }
};

// Catalogue-wide settings: the town, its postal codes, its appointment calendars. The town
// is named here only: the terminal's screens, receipts and information pages read it.
struct CatalogueSettings {
    LocalizedText townName;          // "Mairie de Bellerive-sur-Loire"
    std::string phone;               // "02 38 00 00 00": receipts say "appelez la mairie au …"
    std::string address;             // "Place de la Mairie, 45990 Bellerive-sur-Loire"
    std::string followUpUrl;         // "https://…/suivi?ref={reference}"; "" = no follow-up page
    validation::CommuneTable communes;
    std::map<std::string, appointments::CalendarConfig> calendars;
    std::string terminalId = "borne-1";
};

struct Catalogue {
    std::vector<Procedure> procedures;  // sorted by order, then id
    CatalogueSettings settings;
    const Procedure* find(const std::string& id) const;
};

}  // namespace guichet::procedures
