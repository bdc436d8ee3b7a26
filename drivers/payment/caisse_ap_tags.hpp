// The Caisse-AP tags and codes a card payment uses, with their meaning (sources in
// docs/payment.md). Plain data: the codec does not depend on it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guichet::payment::tag {

inline constexpr const char* kVersion = "CZ";         // protocol version, "0300"
inline constexpr const char* kConcertId = "CJ";       // Concert identifier, 12 digits
inline constexpr const char* kRegister = "CA";        // register (POS) number, "01"
inline constexpr const char* kAmount = "CB";          // amount in minor units, 2..12 digits
inline constexpr const char* kAction = "CD";          // "0" debit, "1" refund
inline constexpr const char* kCurrency = "CE";        // ISO 4217 numeric, "978"
inline constexpr const char* kAnswerMode = "BA";      // "0" at the end, "1" immediate ack
inline constexpr const char* kStatus = "AE";          // "10" done, "01" not done, "11" taken into account
inline constexpr const char* kFailure = "AF";         // failure detail when AE = 01
inline constexpr const char* kAuthorisation = "AC";   // authorisation number
inline constexpr const char* kMaskedPan = "AA";       // card number masked by the TPE
inline constexpr const char* kExpiry = "AB";          // YYMM
inline constexpr const char* kAid = "AI";             // card application identifier
inline constexpr const char* kPaymentMode = "CC";     // "001" CB contact, "00B" CB contactless…
inline constexpr const char* kReadMode = "CI";        // "1" contact, "2" contactless
inline constexpr const char* kContract = "CG";        // merchant contract number
inline constexpr const char* kPrivate = "CF";         // private data

inline constexpr const char* kVersion0300 = "0300";

// One line for operators and docs ("CB: amount in minor units"); nullopt for an unknown tag.
std::optional<std::string_view> describe(std::string_view tag);

}  // namespace guichet::payment::tag

namespace guichet::payment {

// AF: why the TPE did not do the operation (AE = 01).
enum class Failure {
    Unknown,        // 00 or a code we do not know
    Refused,        // 04 refused by the card or the bank
    Forbidden,      // 05
    Abandoned,      // 06 abandon, 11 abandoned by the operator (red key)
    NotCompleted,   // 07
    Timeout,        // 08 nobody typed the PIN in time
    FormatError,    // 09 a mandatory field missing / bad format
    SelectionError, // 10
    UnknownAction,  // 12
    Currency,       // 13 currency not supported
    PhoneCall,      // 02 "appel phonie": the bank wants a call, unattended terminal cannot
    Forced,         // 03 forcing needed
};
Failure failureFromCode(std::string_view af);
const char* failureName(Failure f);  // "refused", "abandoned"… (JSON, logs)
// What the resident reads, in plain French (msgid for gettext).
const char* failureFrench(Failure f);

// CC without its leading zeros -> "CB contact", "CB sans contact", "Amex"…; "autre" if unknown.
std::string paymentModeLabel(std::string_view cc);
// CI -> "contact", "sans contact", "piste", "saisie manuelle", "indifférent"; empty if unknown.
std::string readModeLabel(std::string_view ci);

}  // namespace guichet::payment
