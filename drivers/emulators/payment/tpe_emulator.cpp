#include "drivers/emulators/payment/tpe_emulator.hpp"

#include <ctime>

#include "drivers/payment/caisse_ap_tags.hpp"

namespace guichet::emu {

namespace tag = payment::tag;

const char* behaviourName(TpeBehaviour b) {
    switch (b) {
        case TpeBehaviour::ApproveContact: return "approve";
        case TpeBehaviour::ApproveContactless: return "approve-contactless";
        case TpeBehaviour::Refuse: return "refuse";
        case TpeBehaviour::Abandon: return "abandon";
        case TpeBehaviour::Timeout: return "timeout";
        case TpeBehaviour::Silent: return "silent";
        case TpeBehaviour::CloseBeforeAnswer: return "close";
        case TpeBehaviour::CloseMidAnswer: return "close-mid-answer";
    }
    return "?";
}

std::optional<TpeBehaviour> parseBehaviour(const std::string& n) {
    for (auto b : {TpeBehaviour::ApproveContact, TpeBehaviour::ApproveContactless, TpeBehaviour::Refuse,
                   TpeBehaviour::Abandon, TpeBehaviour::Timeout, TpeBehaviour::Silent, TpeBehaviour::CloseBeforeAnswer,
                   TpeBehaviour::CloseMidAnswer})
        if (n == behaviourName(b)) return b;
    return std::nullopt;
}

std::optional<std::string> refuseCodeFor(const std::string& r) {
    if (r.size() == 2 && r[0] >= '0' && r[0] <= '9' && r[1] >= '0' && r[1] <= '9') return r;
    if (r == "refused") return "04";
    if (r == "forbidden") return "05";
    if (r == "abandon") return "11";
    if (r == "timeout") return "08";
    if (r == "format") return "09";
    if (r == "not-completed") return "07";
    if (r == "currency") return "13";
    return std::nullopt;
}

void TpeEmulator::setScript(TpeScript s) {
    std::lock_guard lock(mutex_);
    script_ = std::move(s);
}

TpeScript TpeEmulator::script() const {
    std::lock_guard lock(mutex_);
    return script_;
}

std::string TpeEmulator::answer(const payment::Message& request) {
    ++requests_;
    const TpeScript s = script();
    payment::Message a = request;  // a TPE echoes the request's fields
    if (!a.has(tag::kVersion)) a.set(tag::kVersion, tag::kVersion0300);
    bool missing = false;
    for (const char* t : {tag::kVersion, tag::kConcertId, tag::kRegister, tag::kAmount, tag::kAction, tag::kCurrency})
        if (!request.has(t)) missing = true;
    if (missing) {
        a.set(tag::kStatus, "01").set(tag::kFailure, "09");
        return *payment::encode(a);
    }
    if (request.get(tag::kAnswerMode) && *request.get(tag::kAnswerMode) == "1") {
        a.set(tag::kStatus, "11");
        return *payment::encode(a);
    }
    switch (s.behaviour) {
        case TpeBehaviour::Refuse: a.set(tag::kStatus, "01").set(tag::kFailure, s.refuseCode); break;
        case TpeBehaviour::Abandon: a.set(tag::kStatus, "01").set(tag::kFailure, "11"); break;
        case TpeBehaviour::Timeout: a.set(tag::kStatus, "01").set(tag::kFailure, "08"); break;
        default: {
            const bool contactless = s.behaviour == TpeBehaviour::ApproveContactless;
            std::lock_guard lock(mutex_);
            a.set(tag::kStatus, "10");
            a.set(tag::kPaymentMode, contactless ? "00B" : "001");
            a.set(tag::kReadMode, contactless ? "2" : "1");
            a.set(tag::kAuthorisation, std::to_string(authorisation_++));
            a.set(tag::kMaskedPan, s.maskedPan);
            std::time_t now = std::time(nullptr);
            std::tm tm{};
            gmtime_r(&now, &tm);
            char expiry[16];
            std::snprintf(expiry, sizeof expiry, "%02d%02d", (tm.tm_year + 2) % 100, tm.tm_mon + 1);
            a.set(tag::kExpiry, expiry);
            a.set(tag::kAid, "A0000000421010");
            a.set(tag::kPrivate, "1010000000");
            a.set(tag::kContract, s.contract);
            if (s.behaviour == TpeBehaviour::ApproveContact || s.behaviour == TpeBehaviour::ApproveContactless ||
                s.behaviour == TpeBehaviour::CloseMidAnswer)
                ++debits_;  // the bank has it, whatever happens to the answer afterwards
        }
    }
    return *payment::encode(a);
}

std::string TpeEmulator::answerRaw(const std::string& bytes) {
    auto m = payment::decode(bytes);
    if (!m) {
        ++requests_;
        payment::Message a;
        a.set(tag::kVersion, tag::kVersion0300).set(tag::kStatus, "01").set(tag::kFailure, "09");
        return *payment::encode(a);
    }
    return answer(*m);
}

}  // namespace guichet::emu
