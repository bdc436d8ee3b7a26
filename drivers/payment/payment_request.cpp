#include "drivers/payment/payment_request.hpp"

#include <cctype>

namespace guichet::payment {
namespace {

bool allDigits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string stripZeros(const std::string& s) {
    auto i = s.find_first_not_of('0');
    return i == std::string::npos ? std::string("0") : s.substr(i);
}

}  // namespace

std::optional<std::string> currencyNumeric(const std::string& code) {
    if (code.size() == 3 && allDigits(code)) return code;
    std::string up;
    for (char c : code) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (up == "EUR") return "978";
    if (up == "XPF") return "953";  // French Pacific territories
    if (up == "CHF") return "756";
    if (up == "USD") return "840";
    if (up == "GBP") return "826";
    return std::nullopt;
}

std::optional<std::int64_t> parseAmount(const std::string& text) {
    std::int64_t units = 0;
    std::size_t i = 0;
    int intDigits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        if (++intDigits > 10) return std::nullopt;
        units = units * 10 + (text[i++] - '0');
    }
    if (intDigits == 0) return std::nullopt;
    std::int64_t cents = 0;
    if (i < text.size()) {
        if (text[i] != '.' && text[i] != ',') return std::nullopt;
        ++i;
        int decimals = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            if (++decimals > 2) return std::nullopt;
            cents = cents * 10 + (text[i++] - '0');
        }
        if (decimals == 0 || i != text.size()) return std::nullopt;
        if (decimals == 1) cents *= 10;
    }
    return units * 100 + cents;
}

std::string formatAmountFrench(std::int64_t cents) {
    std::string units = std::to_string(cents / 100);
    std::string grouped;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (i && (units.size() - i) % 3 == 0) grouped += "\u202F";
        grouped += units[i];
    }
    const auto c = cents % 100;
    return grouped + "," + (c < 10 ? "0" : "") + std::to_string(c) + "\u00A0€";
}

Result<Message> buildRequest(const PaymentRequest& r) {
    if (r.amountCents <= 0) return makeError(ErrorCode::InvalidArgument, "the amount must be more than zero");
    std::string amount = std::to_string(r.amountCents);
    if (amount.size() < 2) amount.insert(0, 2 - amount.size(), '0');
    if (amount.size() > 12) return makeError(ErrorCode::InvalidArgument, "the amount has more than 12 digits");
    if (r.currency.size() != 3 || !allDigits(r.currency))
        return makeError(ErrorCode::InvalidArgument, "currency '" + r.currency + "' is not an ISO 4217 numeric code");
    if (r.registerNumber.size() != 2 || !allDigits(r.registerNumber))
        return makeError(ErrorCode::InvalidArgument, "register number '" + r.registerNumber + "' is not 2 digits");
    if (r.concertId.size() != 12 || !allDigits(r.concertId))
        return makeError(ErrorCode::InvalidArgument, "Concert identifier '" + r.concertId + "' is not 12 digits");
    Message m;
    m.set(tag::kVersion, tag::kVersion0300);
    m.set(tag::kConcertId, r.concertId);
    m.set(tag::kRegister, r.registerNumber);
    m.set(tag::kAmount, amount);
    m.set(tag::kAction, r.refund ? "1" : "0");
    m.set(tag::kCurrency, r.currency);
    m.set(tag::kAnswerMode, "0");
    return m;
}

Result<CardAnswer> interpretAnswer(const Message& m, const PaymentRequest& request) {
    auto request_ = buildRequest(request);
    if (!request_) return request_.error();
    const std::string* ae = m.get(tag::kStatus);
    if (!ae) return makeError(ErrorCode::Protocol, "the answer has no status (AE)");
    CardAnswer a;
    if (*ae == "10") a.status = AnswerStatus::Done;
    else if (*ae == "01") a.status = AnswerStatus::NotDone;
    else if (*ae == "11") a.status = AnswerStatus::Acknowledged;
    else return makeError(ErrorCode::Protocol, "unknown status AE=" + *ae);

    // The answer must be about this request (Odoo/OCA checks the same echoes).
    for (const char* t : {tag::kRegister, tag::kAction, tag::kCurrency}) {
        const std::string* got = m.get(t);
        if (got && *got != *request_->get(t))
            return makeError(ErrorCode::Protocol, std::string("the answer's ") + t + " is " + *got + ", the request's " +
                                                      *request_->get(t));
    }
    if (const std::string* cb = m.get(tag::kAmount)) {
        if (!allDigits(*cb)) return makeError(ErrorCode::Protocol, "the answer's amount CB is not digits");
        if (stripZeros(*cb) != std::to_string(request.amountCents))
            return makeError(ErrorCode::Protocol, "the answer's amount CB " + *cb + " differs from the request's " +
                                                      std::to_string(request.amountCents));
        a.amountCents = request.amountCents;
    } else if (a.status == AnswerStatus::Done) {
        return makeError(ErrorCode::Protocol, "an approval without the amount (CB)");
    }

    if (a.status == AnswerStatus::NotDone) {
        const std::string* af = m.get(tag::kFailure);
        a.failureCode = af ? *af : "";
        a.failure = af ? failureFromCode(*af) : Failure::Unknown;
    }
    if (const std::string* ac = m.get(tag::kAuthorisation)) a.authorisation = *ac;
    if (const std::string* aa = m.get(tag::kMaskedPan)) {
        // Keep the last four characters only if they are digits: never more of the card.
        if (aa->size() >= 4) {
            std::string last = aa->substr(aa->size() - 4);
            if (allDigits(last)) a.cardLast4 = last;
        }
    }
    if (const std::string* cc = m.get(tag::kPaymentMode)) a.paymentMode = paymentModeLabel(*cc);
    if (const std::string* ci = m.get(tag::kReadMode)) {
        a.readMode = readModeLabel(*ci);
        a.contactless = *ci == "2";
    }
    if (const std::string* cg = m.get(tag::kContract)) a.contract = *cg;
    return a;
}

}  // namespace guichet::payment
