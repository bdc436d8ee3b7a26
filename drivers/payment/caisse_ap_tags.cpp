#include "drivers/payment/caisse_ap_tags.hpp"

#include <map>

namespace guichet::payment::tag {

std::optional<std::string_view> describe(std::string_view t) {
    static const std::map<std::string_view, std::string_view> kTags = {
        {"CZ", "protocol version (0300)"},
        {"CJ", "Concert identifier of the register (12 digits)"},
        {"CA", "register number"},
        {"CB", "amount in minor units (cents)"},
        {"CD", "action: 0 debit, 1 refund"},
        {"CE", "currency, ISO 4217 numeric (978 = EUR)"},
        {"BA", "answer mode: 0 at the end of the transaction, 1 immediate acknowledgement"},
        {"AE", "status: 10 done, 01 not done, 11 request taken into account"},
        {"AF", "failure detail (04 refused, 05 forbidden, 08 timeout, 09 format, 11 abandoned...)"},
        {"AC", "authorisation number"},
        {"AA", "card number masked by the terminal"},
        {"AB", "card expiry YYMM"},
        {"AI", "card application identifier (AID)"},
        {"CC", "payment mode (001 CB contact, 00B CB contactless, 002 Amex, 00D Amex contactless, 00C cheque)"},
        {"CI", "read mode: 1 contact, 2 contactless, 3 stripe, 4 manual"},
        {"CG", "merchant contract number"},
        {"CF", "private data"},
    };
    auto it = kTags.find(t);
    if (it == kTags.end()) return std::nullopt;
    return it->second;
}

}  // namespace guichet::payment::tag

namespace guichet::payment {

Failure failureFromCode(std::string_view af) {
    static const std::map<std::string_view, Failure> kCodes = {
        {"02", Failure::PhoneCall},     {"03", Failure::Forced},         {"04", Failure::Refused},
        {"05", Failure::Forbidden},     {"06", Failure::Abandoned},      {"07", Failure::NotCompleted},
        {"08", Failure::Timeout},       {"09", Failure::FormatError},    {"10", Failure::SelectionError},
        {"11", Failure::Abandoned},     {"12", Failure::UnknownAction},  {"13", Failure::Currency},
    };
    auto it = kCodes.find(af);
    return it == kCodes.end() ? Failure::Unknown : it->second;
}

const char* failureName(Failure f) {
    switch (f) {
        case Failure::Refused: return "refused";
        case Failure::Forbidden: return "forbidden";
        case Failure::Abandoned: return "abandoned";
        case Failure::NotCompleted: return "not-completed";
        case Failure::Timeout: return "timeout";
        case Failure::FormatError: return "format-error";
        case Failure::SelectionError: return "selection-error";
        case Failure::UnknownAction: return "unknown-action";
        case Failure::Currency: return "currency";
        case Failure::PhoneCall: return "phone-call";
        case Failure::Forced: return "forcing";
        case Failure::Unknown: break;
    }
    return "unknown";
}

const char* failureFrench(Failure f) {
    switch (f) {
        case Failure::Refused: return "Le paiement a été refusé par la carte ou par la banque.";
        case Failure::Forbidden: return "Cette carte ne peut pas être utilisée ici.";
        case Failure::Abandoned: return "Le paiement a été annulé sur le terminal de paiement.";
        case Failure::NotCompleted: return "Le paiement n'a pas pu aboutir.";
        case Failure::Timeout: return "Le terminal de paiement a attendu trop longtemps : le paiement n'a pas été fait.";
        case Failure::Currency: return "Cette monnaie n'est pas acceptée par le terminal de paiement.";
        case Failure::PhoneCall:
        case Failure::Forced: return "La banque demande une vérification qui ne peut pas se faire ici.";
        case Failure::FormatError:
        case Failure::SelectionError:
        case Failure::UnknownAction:
        case Failure::Unknown: break;
    }
    return "Le terminal de paiement n'a pas pu traiter le paiement.";
}

std::string paymentModeLabel(std::string_view cc) {
    while (!cc.empty() && cc.front() == '0') cc.remove_prefix(1);
    static const std::map<std::string_view, std::string> kModes = {
        {"1", "CB contact"}, {"B", "CB sans contact"}, {"2", "Amex contact"}, {"D", "Amex sans contact"},
        {"C", "chèque"},     {"3", "CB enseigne"},     {"6", "Diners"},        {"9", "JCB"},
        {"U", "CUP"},
    };
    auto it = kModes.find(cc);
    return it == kModes.end() ? std::string("autre") : it->second;
}

std::string readModeLabel(std::string_view ci) {
    if (ci == "0") return "indifférent";
    if (ci == "1") return "contact";
    if (ci == "2") return "sans contact";
    if (ci == "3") return "piste";
    if (ci == "4") return "saisie manuelle";
    return {};
}

}  // namespace guichet::payment
