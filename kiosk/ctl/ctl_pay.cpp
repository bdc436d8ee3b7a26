// guichetctl pay: one card payment on the TPE (Caisse-AP over IP or USB), the software TPE,
// and the payment intents staff must check. Exit codes: 0 approved, 1 not approved (refused,
// abandoned, timed out, not sent), 2 bad usage, 4 outcome unknown ("à vérifier").
#include <csignal>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "drivers/emulators/payment/tpe_emulator.hpp"
#include "drivers/emulators/payment/tpe_tcp_server.hpp"
#include "drivers/payment/payment_request.hpp"
#include "kiosk/ctl/command_registry.hpp"
#include "kiosk/outbox/outbox_schema.hpp"
#include "kiosk/outbox/outbox_store.hpp"
#include "kiosk/outbox/payment_intents.hpp"
#include "kiosk/payment/payment_service.hpp"

namespace {

using namespace guichet;
using nlohmann::json;

int usage() {
    std::fprintf(stderr,
                 "usage: guichetctl pay --device tcp://HOST:PORT|usb:VID:PID|auto --amount 12.50 [--currency EUR]\n"
                 "                      [--bill REFERENCE] [--db OUTBOX.sqlite] [--answer-timeout S] [--json]\n"
                 "       guichetctl pay emulate --port P [--refuse REASON | --abandon | --timeout | --silent | --close |\n"
                 "                      --close-mid-answer] [--contactless] [--delay-ms N] [--journal FILE]\n"
                 "       guichetctl pay list --db OUTBOX.sqlite [--to-check] [--json]\n"
                 "       guichetctl pay checked TXN --note \"what the TPE journal says\" --db OUTBOX.sqlite\n"
                 "REASON: refused forbidden format not-completed currency, or a 2-digit AF code\n");
    return 2;
}

volatile std::sig_atomic_t gStop = 0;
void onSignal(int) { gStop = 1; }

std::string isoTime(std::int64_t ms) {
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

// The intents table without the outbox key: listing needs no personal data.
Result<std::unique_ptr<outbox::Db>> openDb(const std::string& path) {
    auto db = std::make_unique<outbox::Db>();
    if (auto r = db->open(path, SQLITE_OPEN_READWRITE, nullptr); !r) return r.error();
    if (auto r = db->exec("PRAGMA busy_timeout=5000"); !r) return r.error();
    if (auto r = outbox::migrate(*db); !r) return r.error();
    return db;
}

json intentJson(const outbox::PaymentIntent& p) {
    return {{"transaction", p.txn},         {"state", p.state},
            {"to_check", p.toCheck()},      {"outcome", p.outcome},
            {"amount_cents", p.amountCents}, {"currency", p.currency},
            {"procedure", p.procedureId},   {"bill", p.billReference},
            {"device", p.device},           {"created_at", isoTime(p.createdAtMs)},
            {"authorisation", p.authorisation}, {"submission", p.submissionUuid},
            {"note", p.checkedNote}};
}

int list(const ctl::Args& a) {
    std::string db;
    bool toCheck = false, asJson = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] == "--db" && i + 1 < a.size()) db = a[++i];
        else if (a[i] == "--to-check") toCheck = true;
        else if (a[i] == "--json") asJson = true;
        else return usage();
    }
    if (db.empty()) return usage();
    auto d = openDb(db);
    if (!d) {
        std::fprintf(stderr, "guichetctl pay: %s: %s\n", db.c_str(), d.error().message.c_str());
        return 1;
    }
    outbox::PaymentIntents intents(**d);
    auto rows = toCheck ? intents.toCheck() : intents.recent(100);
    if (asJson) {
        json arr = json::array();
        for (const auto& p : rows) arr.push_back(intentJson(p));
        std::cout << json{{"to_check", intents.toCheck().size()}, {"payments", arr}}.dump() << std::endl;
        return 0;
    }
    for (const auto& p : rows)
        std::printf("%s  %s  %s  %lld.%02lld  %-9s %s%s\n", p.txn.c_str(), isoTime(p.createdAtMs).c_str(),
                    p.procedureId.c_str(), static_cast<long long>(p.amountCents / 100),
                    static_cast<long long>(p.amountCents % 100), p.state.c_str(),
                    p.toCheck() ? outbox::kToCheckLabel : "", p.authorisation.empty() ? "" : ("  autorisation " + p.authorisation).c_str());
    std::printf("%zu paiement(s) %s\n", intents.toCheck().size(), outbox::kToCheckLabel);
    return 0;
}

int checked(const ctl::Args& a) {
    std::string db, txn, note;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] == "--db" && i + 1 < a.size()) db = a[++i];
        else if (a[i] == "--note" && i + 1 < a.size()) note = a[++i];
        else if (txn.empty() && a[i].rfind("--", 0) != 0) txn = a[i];
        else return usage();
    }
    if (db.empty() || txn.empty() || note.empty()) return usage();
    auto d = openDb(db);
    if (!d) {
        std::fprintf(stderr, "guichetctl pay: %s: %s\n", db.c_str(), d.error().message.c_str());
        return 1;
    }
    outbox::PaymentIntents intents(**d);
    auto r = intents.markChecked(txn, note);
    if (!r || !*r) {
        std::fprintf(stderr, "guichetctl pay: %s is not a payment to check\n", txn.c_str());
        return 1;
    }
    std::printf("%s checked\n", txn.c_str());
    return 0;
}

int emulate(const ctl::Args& a) {
    emu::TpeScript s;
    int port = 8888;
    std::string journal;
    bool contactless = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto value = [&](std::string& out) {
            if (i + 1 >= a.size()) return false;
            out = a[++i];
            return true;
        };
        std::string v;
        if (a[i] == "--port") {
            if (!value(v)) return usage();
            try { port = std::stoi(v); } catch (...) { return usage(); }
        } else if (a[i] == "--refuse") {
            if (!value(v)) return usage();
            auto code = emu::refuseCodeFor(v);
            if (!code) {
                std::fprintf(stderr, "guichetctl pay emulate: unknown refusal reason '%s'\n", v.c_str());
                return usage();
            }
            s.behaviour = emu::TpeBehaviour::Refuse;
            s.refuseCode = *code;
        } else if (a[i] == "--abandon") s.behaviour = emu::TpeBehaviour::Abandon;
        else if (a[i] == "--timeout") s.behaviour = emu::TpeBehaviour::Timeout;
        else if (a[i] == "--silent") s.behaviour = emu::TpeBehaviour::Silent;
        else if (a[i] == "--close") s.behaviour = emu::TpeBehaviour::CloseBeforeAnswer;
        else if (a[i] == "--close-mid-answer") s.behaviour = emu::TpeBehaviour::CloseMidAnswer;
        else if (a[i] == "--contactless") contactless = true;
        else if (a[i] == "--delay-ms") {
            if (!value(v)) return usage();
            try { s.delay = std::chrono::milliseconds(std::stoi(v)); } catch (...) { return usage(); }
        } else if (a[i] == "--journal") {
            if (!value(journal)) return usage();
        } else return usage();
    }
    if (contactless && s.behaviour == emu::TpeBehaviour::ApproveContact) s.behaviour = emu::TpeBehaviour::ApproveContactless;
    emu::TpeEmulator tpe(s);
    auto server = emu::TpeTcpServer::start(tpe, port);
    if (!server) {
        std::fprintf(stderr, "guichetctl pay emulate: %s\n", server.error().message.c_str());
        return 1;
    }
    std::printf("software TPE (%s) listening on 127.0.0.1:%d\n", emu::behaviourName(s.behaviour), (*server)->port());
    std::fflush(stdout);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    int journaled = 0;
    while (!gStop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        // Every debit the "bank" took, one line each: the crash tests count them.
        while (!journal.empty() && journaled < tpe.debitsApproved()) {
            std::ofstream(journal, std::ios::app) << "debit " << ++journaled << "\n";
        }
    }
    (*server)->stop();
    return 0;
}

int pay(const ctl::Args& a) {
    std::string device, amount, currency = "EUR", bill = "-", db;
    bool asJson = false;
    int answerTimeoutS = 180;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto value = [&](std::string& out) {
            if (i + 1 >= a.size()) return false;
            out = a[++i];
            return true;
        };
        std::string v;
        if (a[i] == "--device") { if (!value(device)) return usage(); }
        else if (a[i] == "--amount") { if (!value(amount)) return usage(); }
        else if (a[i] == "--currency") { if (!value(currency)) return usage(); }
        else if (a[i] == "--bill") { if (!value(bill)) return usage(); }
        else if (a[i] == "--db") { if (!value(db)) return usage(); }
        else if (a[i] == "--json") asJson = true;
        else if (a[i] == "--answer-timeout") {
            if (!value(v)) return usage();
            try { answerTimeoutS = std::stoi(v); } catch (...) { return usage(); }
        } else return usage();
    }
    if (device.empty() || amount.empty()) return usage();
    payment::PaymentConfig cfg;
    cfg.enabled = true;
    auto address = payment::parseDeviceAddress(device);
    if (!address) {
        std::fprintf(stderr, "guichetctl pay: --device: %s\n", address.error().message.c_str());
        return 2;
    }
    cfg.device = *address;
    auto cents = payment::parseAmount(amount);
    if (!cents || *cents <= 0) {
        std::fprintf(stderr, "guichetctl pay: --amount '%s' is not an amount such as 12.50\n", amount.c_str());
        return 2;
    }
    auto cur = payment::currencyNumeric(currency);
    if (!cur) {
        std::fprintf(stderr, "guichetctl pay: --currency '%s' is not an ISO 4217 code (EUR, 978)\n", currency.c_str());
        return 2;
    }
    cfg.currency = *cur;
    cfg.timeouts.answer = std::chrono::seconds(answerTimeoutS);

    std::unique_ptr<outbox::OutboxStore> store;
    std::unique_ptr<outbox::PaymentIntents> intents;
    if (!db.empty()) {
        outbox::StoreOptions so;
        so.path = db;
        auto s = outbox::OutboxStore::open(so);
        if (!s) {
            std::fprintf(stderr, "guichetctl pay: %s: %s\n", db.c_str(), s.error().message.c_str());
            return 1;
        }
        store = std::move(s.value());
        intents = std::make_unique<outbox::PaymentIntents>(store->db());
        if (int n = outbox::reportIntentsToCheck(*intents); n > 0)
            std::fprintf(stderr, "guichetctl pay: %d earlier payment(s) %s (guichetctl pay list --to-check)\n", n,
                         outbox::kToCheckLabel);
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::atomic<bool> cancel{false};
    std::atomic<bool> done{false};
    std::thread watcher([&] {
        while (!done.load()) {
            if (gStop) cancel = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    payment::PaymentService service(cfg, intents.get());
    auto paid = service.pay("guichetctl", bill, *cents, cancel, [&](payment::Step s) {
        if (!asJson) std::fprintf(stderr, "… %s\n", payment::stepName(s));
    });
    done = true;
    watcher.join();
    if (intents && paid.result.outcome == payment::Outcome::Approved && !paid.txn.empty()) {
        // No submission here: the approval is settled on its own.
        (void)intents->settle(paid.txn, "");
    }
    const auto& r = paid.result;
    if (asJson) {
        json j = payment::paymentSection(paid);
        j["outcome"] = payment::outcomeName(r.outcome);
        j["reason"] = r.frenchReason;
        j["detail"] = r.detail;
        j["request_sent"] = r.requestSent;
        if (!r.answer.failureCode.empty()) j["failure_code"] = r.answer.failureCode;
        std::cout << j.dump() << std::endl;
    } else {
        std::printf("%s: %s", payment::outcomeName(r.outcome), payment::formatAmountFrench(*cents).c_str());
        if (!paid.txn.empty()) std::printf(", transaction %s", paid.txn.c_str());
        if (!r.answer.authorisation.empty()) std::printf(", autorisation %s", r.answer.authorisation.c_str());
        if (!r.answer.cardLast4.empty()) std::printf(", carte ****%s", r.answer.cardLast4.c_str());
        if (!r.frenchReason.empty()) std::printf("\n%s", r.frenchReason.c_str());
        if (!r.detail.empty()) std::printf("\n(%s)", r.detail.c_str());
        std::printf("\n");
    }
    switch (r.outcome) {
        case payment::Outcome::Approved: return 0;
        case payment::Outcome::Unknown: return 4;
        default: return 1;
    }
}

int runPay(const ctl::Args& args) {
    if (args.empty() || args[0] == "--help") return usage();
    const ctl::Args rest(args.begin() + 1, args.end());
    if (args[0] == "emulate") return emulate(rest);
    if (args[0] == "list") return list(rest);
    if (args[0] == "checked") return checked(rest);
    return pay(args);
}

}  // namespace

GUICHETCTL_COMMAND("pay", "card payment on the TPE (Caisse-AP), the software TPE, payments to check", runPay);
