// A card payment as the register asks it (PaymentRequest -> Caisse-AP request message) and
// what the TPE answered (Caisse-AP answer -> CardAnswer). The answer keeps nothing from the
// card but the last four digits of the number the TPE already masked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "drivers/common/result.hpp"
#include "drivers/payment/caisse_ap_message.hpp"
#include "drivers/payment/caisse_ap_tags.hpp"

namespace guichet::payment {

struct PaymentRequest {
    std::int64_t amountCents = 0;          // > 0, at most 12 digits
    std::string currency = "978";          // ISO 4217 numeric
    std::string registerNumber = "01";     // CA: 2 digits
    std::string concertId = "000000000001";  // CJ: 12 digits (required, otherwise unused)
    bool refund = false;                   // CD 1
};

// "EUR" -> "978"; an ISO numeric code passes through; nullopt if unknown.
std::optional<std::string> currencyNumeric(const std::string& code);
// "12.50" / "12,50" / "12" -> 1250; nullopt for nonsense, negatives, more than 2 decimals.
std::optional<std::int64_t> parseAmount(const std::string& text);
// 1250 -> "12,50 €" (French, non-breaking space before the sign).
std::string formatAmountFrench(std::int64_t cents);

Result<Message> buildRequest(const PaymentRequest& request);

enum class AnswerStatus { Done, NotDone, Acknowledged };

struct CardAnswer {
    AnswerStatus status = AnswerStatus::NotDone;
    Failure failure = Failure::Unknown;  // meaningful when NotDone
    std::string failureCode;             // the raw AF ("04"), for operators
    std::int64_t amountCents = 0;        // what the TPE says it charged
    std::string authorisation;           // AC
    std::string cardLast4;               // from AA; never the masked number itself
    std::string paymentMode;             // CC label
    std::string readMode;                // CI label
    std::string contract;                // CG
    bool contactless = false;
};

// Interprets an answer and checks that it answers this request (CA, CD, CE echoed identical,
// CB equal up to leading zeros): a mismatch is a Protocol error.
Result<CardAnswer> interpretAnswer(const Message& answer, const PaymentRequest& request);

}  // namespace guichet::payment
