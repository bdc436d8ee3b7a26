#include "kiosk/appliance/metrics_text.hpp"

#include <cstdio>
#include <set>

namespace guichet::appliance {

namespace {

// Label values: only [a-z0-9_.:+-] survive, so a stray quote or newline cannot break the file.
std::string label(const std::string& v) {
    std::string out;
    for (char c : v)
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
            c == '.' || c == ':' || c == '+')
            out += c;
    return out;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

struct Writer {
    std::string out;
    void family(const char* name, const char* type, const char* help) {
        out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    }
    void sample(const std::string& name, const std::string& labels, double v) {
        out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + number(v) + "\n";
    }
};

const char* kStates[] = {"queued", "sending", "sent", "rejected", "dead"};

}  // namespace

std::string metricsText(const Heartbeat& h, const std::optional<OutboxFacts>& o) {
    Writer w;
    w.family("guichet_build_info", "gauge", "Version of the running terminal software (always 1).");
    w.sample("guichet_build_info", "version=\"" + label(h.version) + "\"", 1);
    w.family("guichet_heartbeat_timestamp_seconds", "gauge", "When the terminal's UI loop last wrote its heartbeat.");
    w.sample("guichet_heartbeat_timestamp_seconds", "", static_cast<double>(h.writtenAt));
    w.family("guichet_start_time_seconds", "gauge", "When the terminal process started.");
    w.sample("guichet_start_time_seconds", "", static_cast<double>(h.startedAt));
    w.family("guichet_out_of_service", "gauge", "1 while the operator has put the terminal out of service.");
    w.sample("guichet_out_of_service", "", h.outOfService ? 1 : 0);

    w.family("guichet_device_up", "gauge", "1 when the device is present and usable.");
    for (const auto& d : h.devices) {
        bool up = d.status != "absent" && d.status != "error" && d.status != "jam" && d.status != "paper-out" &&
                  d.status != "cover-open";
        w.sample("guichet_device_up", "device=\"" + label(d.kind) + "\"", up ? 1 : 0);
    }
    w.family("guichet_printer_paper", "gauge", "Receipt printer paper state: 1 for the current state.");
    for (const auto& d : h.devices) {
        if (d.kind != "printer") continue;
        const char* current = d.status == "paper-out" ? "out" : d.status == "paper-low" ? "low"
                              : (d.status == "absent" || d.status == "unknown") ? "unknown" : "ok";
        for (const char* s : {"ok", "low", "out", "unknown"})
            w.sample("guichet_printer_paper", std::string("state=\"") + s + "\"", std::string(s) == current ? 1 : 0);
    }

    w.family("guichet_outbox_readable", "gauge", "1 when the outbox database could be read.");
    w.sample("guichet_outbox_readable", "", o ? 1 : 0);
    if (o) {
        w.family("guichet_submissions", "gauge", "Submissions in the outbox by state.");
        for (const char* s : kStates) w.sample("guichet_submissions", std::string("state=\"") + s + "\"", static_cast<double>(o->count(s)));
        w.family("guichet_oldest_queued_age_seconds", "gauge", "Age of the oldest submission waiting to be sent (0: none).");
        w.sample("guichet_oldest_queued_age_seconds", "", static_cast<double>(o->oldestQueuedAgeS.value_or(0)));
        w.family("guichet_submissions_sent_today", "gauge", "Submissions sent since local midnight.");
        w.sample("guichet_submissions_sent_today", "", static_cast<double>(o->sentToday));
        w.family("guichet_payments_to_check", "gauge", "Card payments whose outcome staff must check (never retried).");
        w.sample("guichet_payments_to_check", "", static_cast<double>(o->paymentsToCheck));
        w.family("guichet_last_upload_timestamp_seconds", "gauge", "Last successful upload per connector.");
        for (const auto& [c, ms] : o->lastSentAtMs)
            w.sample("guichet_last_upload_timestamp_seconds", "connector=\"" + label(c) + "\"", static_cast<double>(ms / 1000));
    }

    const SessionStats& s = h.sessions;
    w.family("guichet_sessions_total", "counter", "Residents' visits since the terminal started, by procedure and outcome.");
    for (const auto& [k, n] : s.byProcedureOutcome)
        w.sample("guichet_sessions_total", "procedure=\"" + label(k.first) + "\",outcome=\"" + label(k.second) + "\"",
                 static_cast<double>(n));
    w.family("guichet_sessions_by_mode_total", "counter", "Visits per accessibility mode used (a visit may count in several).");
    for (const auto& [m, n] : s.byMode) w.sample("guichet_sessions_by_mode_total", "mode=\"" + label(m) + "\"", static_cast<double>(n));
    w.family("guichet_session_duration_seconds", "histogram", "Duration of residents' visits.");
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kDurationBuckets.size(); ++i) {
        cumulative += s.bucketCounts[i];
        w.sample("guichet_session_duration_seconds_bucket", "le=\"" + number(kDurationBuckets[i]) + "\"", static_cast<double>(cumulative));
    }
    w.sample("guichet_session_duration_seconds_bucket", "le=\"+Inf\"", static_cast<double>(s.count));
    w.sample("guichet_session_duration_seconds_sum", "", s.sumSeconds);
    w.sample("guichet_session_duration_seconds_count", "", static_cast<double>(s.count));
    return w.out;
}

}  // namespace guichet::appliance
