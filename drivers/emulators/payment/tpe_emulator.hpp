// A software payment terminal (TPE) speaking Caisse-AP: it answers a request the way the
// public simulators and field reports describe, with a scripted behaviour (approve, refuse
// with a reason, abandon, slow PIN, time out, close mid-transaction, never answer).
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "drivers/payment/caisse_ap_message.hpp"

namespace guichet::emu {

enum class TpeBehaviour {
    ApproveContact,
    ApproveContactless,
    Refuse,             // AE 01 + AF refuseCode
    Abandon,            // AE 01 AF 11 (red key)
    Timeout,            // AE 01 AF 08 (nobody typed the PIN)
    Silent,             // never answers (the register's own timeout decides)
    CloseBeforeAnswer,  // drops the connection after the delay, no answer
    CloseMidAnswer,     // sends half the answer, then drops the connection
};
const char* behaviourName(TpeBehaviour b);
std::optional<TpeBehaviour> parseBehaviour(const std::string& name);
// "refused" -> "04", "forbidden" -> "05", "abandon" -> "11", "timeout" -> "08", "format" -> "09",
// "currency" -> "13"; a 2-digit code passes through.
std::optional<std::string> refuseCodeFor(const std::string& reason);

struct TpeScript {
    TpeBehaviour behaviour = TpeBehaviour::ApproveContact;
    std::string refuseCode = "04";
    std::chrono::milliseconds delay{300};  // card + PIN time; a "slow PIN" is a long one
    std::string maskedPan = "497010######4242";  // what a real TPE returns in AA
    std::string contract = "4242424";
};

class TpeEmulator {
public:
    explicit TpeEmulator(TpeScript script = {}) : script_(std::move(script)) {}

    void setScript(TpeScript script);
    TpeScript script() const;

    // The answer to one request (already decoded); counts what a real TPE would have done.
    std::string answer(const payment::Message& request);
    // The answer to raw bytes: a malformed request gets AE 01 AF 09 like a missing field.
    std::string answerRaw(const std::string& bytes);

    int requests() const { return requests_.load(); }
    int debitsApproved() const { return debits_.load(); }  // money "taken"

private:
    mutable std::mutex mutex_;
    TpeScript script_;
    std::atomic<int> requests_{0};
    std::atomic<int> debits_{0};
    int authorisation_ = 123456;
};

}  // namespace guichet::emu
