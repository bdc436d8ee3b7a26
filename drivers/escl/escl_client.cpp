#include "drivers/escl/escl_client.hpp"

#include <thread>

#include "drivers/common/log.hpp"
#include "drivers/escl/escl_url.hpp"

namespace guichet::escl {

namespace {

bool cancelled(EsclClient::CancelFlag c) { return c && c->load(); }

Error httpError(const char* what, const HttpMessage& r) {
    ErrorCode code = r.status >= 500 ? ErrorCode::Io : ErrorCode::Rejected;
    return makeError(code, std::string("eSCL: ") + what + " answered " + std::to_string(r.status) +
                               (r.reason.empty() ? "" : " " + r.reason));
}

std::string_view asText(const Bytes& b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

}  // namespace

const char* scannerConditionName(ScannerCondition c) {
    switch (c) {
    case ScannerCondition::Ready: return "ready";
    case ScannerCondition::Busy: return "busy";
    case ScannerCondition::FeederEmpty: return "feeder empty";
    case ScannerCondition::Jam: return "jam";
    case ScannerCondition::Unknown: break;
    }
    return "unknown";
}

EsclClient::EsclClient(HttpClient& http, Options options) : http_(http), options_(std::move(options)) {}

Error EsclClient::failWith(ScannerCondition c, ErrorCode code, std::string message) {
    condition_ = c;
    return makeError(code, std::move(message));
}

bool EsclClient::waitBeforeRetry(CancelFlag cancel) const {
    const auto until = Clock::now() + options_.retry.busyWait;
    while (Clock::now() < until) {
        if (cancelled(cancel)) return false;
        std::this_thread::sleep_for(std::min<Millis>(Millis(20), std::chrono::duration_cast<Millis>(until - Clock::now()) + Millis(1)));
    }
    return !cancelled(cancel);
}

Result<ScannerCapabilities> EsclClient::capabilities() {
    auto r = http_.request("GET", options_.basePath + "/ScannerCapabilities");
    if (!r) return r.error();
    if (r->status != 200) return httpError("ScannerCapabilities", *r);
    return parseCapabilities(asText(r->body));
}

Result<ScannerStatus> EsclClient::status() {
    auto r = http_.request("GET", options_.basePath + "/ScannerStatus");
    if (!r) return r.error();
    if (r->status != 200) return httpError("ScannerStatus", *r);
    auto st = parseScannerStatus(asText(r->body));
    if (st) {
        if (st->adf == AdfState::Jam) condition_ = ScannerCondition::Jam;
        else if (st->state == ScannerState::Processing) condition_ = ScannerCondition::Busy;
        else if (st->state == ScannerState::Idle) condition_ = ScannerCondition::Ready;
    }
    return st;
}

ScannerCondition EsclClient::conditionFromStatus(bool feeder) {
    auto st = status();
    if (!st) return ScannerCondition::Unknown;
    if (st->adf == AdfState::Jam) return ScannerCondition::Jam;
    if (feeder && st->adf == AdfState::Empty) return ScannerCondition::FeederEmpty;
    if (st->state == ScannerState::Processing) return ScannerCondition::Busy;
    return ScannerCondition::Ready;
}

Result<std::string> EsclClient::createJob(const ScanSettings& settings, CancelFlag cancel) {
    std::string xmlBody = scanSettingsXml(settings);
    Bytes body(xmlBody.begin(), xmlBody.end());
    for (int attempt = 0;; ++attempt) {
        if (cancelled(cancel)) return failWith(ScannerCondition::Ready, ErrorCode::Cancelled, "eSCL: cancelled");
        auto r = http_.request("POST", options_.basePath + "/ScanJobs", {{"Content-Type", "text/xml"}}, body);
        if (!r) return r.error();
        if (r->status == 201 || r->status == 200) {
            auto location = r->header("Location");
            std::string path = location ? jobPathFromLocation(*location, options_.basePath) : std::string();
            if (path.empty())
                return failWith(ScannerCondition::Unknown, ErrorCode::Protocol, "eSCL: job created without a usable Location");
            if (location && path != *location) log::debug("escl", "job Location rewritten to " + path);
            condition_ = ScannerCondition::Busy;
            return path;
        }
        if (r->status == 503) {
            ++busyAnswers_;
            if (attempt >= options_.retry.maxBusyRetries)
                return failWith(ScannerCondition::Busy, ErrorCode::Busy, "eSCL: scanner stayed busy");
            if (!waitBeforeRetry(cancel)) return failWith(ScannerCondition::Ready, ErrorCode::Cancelled, "eSCL: cancelled");
            continue;
        }
        if (r->status == 409) {
            // "Conflict": feeder empty, cover open, or another job running — ask which.
            auto c = conditionFromStatus(settings.source == InputSource::Feeder);
            if (c == ScannerCondition::FeederEmpty)
                return failWith(c, ErrorCode::NotFound, "eSCL: the feeder is empty");
            if (c == ScannerCondition::Jam) return failWith(c, ErrorCode::Io, "eSCL: paper jam in the feeder");
            if (c == ScannerCondition::Ready)
                return failWith(c, ErrorCode::Rejected, "eSCL: scanner refused these scan settings (409 Conflict)");
            return failWith(c, ErrorCode::Busy, "eSCL: scanner refused the job (409 Conflict)");
        }
        condition_ = ScannerCondition::Unknown;
        return httpError("ScanJobs", *r);
    }
}

Result<std::optional<Bytes>> EsclClient::nextDocument(const std::string& jobPath, CancelFlag cancel) {
    for (int attempt = 0;; ++attempt) {
        if (cancelled(cancel)) return makeError(ErrorCode::Cancelled, "eSCL: cancelled");
        auto r = http_.request("GET", jobPath + "/NextDocument");
        if (!r) return r.error();
        if (r->status == 200) return std::optional<Bytes>(std::move(r->body));
        if (r->status == 404 || r->status == 410) return std::optional<Bytes>();
        if (r->status == 503) {
            ++busyAnswers_;
            if (attempt >= options_.retry.maxBusyRetries)
                return failWith(ScannerCondition::Busy, ErrorCode::Timeout, "eSCL: page not ready after " +
                                                                              std::to_string(attempt + 1) + " tries");
            if (!waitBeforeRetry(cancel)) return makeError(ErrorCode::Cancelled, "eSCL: cancelled");
            continue;
        }
        return httpError("NextDocument", *r);
    }
}

Result<void> EsclClient::cancelJob(const std::string& jobPath) {
    auto r = http_.request("DELETE", jobPath);
    if (!r) return r.error();
    // 404/410: the job was already over, which is what we wanted.
    if (r->status == 200 || r->status == 204 || r->status == 404 || r->status == 410) return {};
    return httpError("DELETE job", *r);
}

Result<int> EsclClient::scan(const ScanSettings& settings, const PageSink& sink, CancelFlag cancel) {
    auto job = createJob(settings, cancel);
    if (!job) return job.error();
    const bool feeder = settings.source == InputSource::Feeder;
    int pages = 0;
    auto abandon = [&](Error e) -> Error {
        // Best effort: a job left open keeps some scanners busy until they time it out.
        if (e.code != ErrorCode::Disconnected) (void)cancelJob(*job);
        return e;
    };
    for (;;) {
        auto doc = nextDocument(*job, cancel);
        if (!doc) {
            if (doc.error().code == ErrorCode::Cancelled) {
                condition_ = ScannerCondition::Ready;
                return abandon(doc.error());
            }
            Error e = doc.error();
            if (feeder && e.code != ErrorCode::Disconnected && e.code != ErrorCode::Timeout) {
                if (auto c = conditionFromStatus(true); c == ScannerCondition::Jam)
                    return abandon(failWith(c, ErrorCode::Io, "eSCL: paper jam in the feeder"));
            }
            return abandon(e);
        }
        if (!doc->has_value()) break;
        Bytes page = std::move(**doc);
        if (page.empty()) return abandon(failWith(ScannerCondition::Unknown, ErrorCode::Protocol, "eSCL: empty page"));
        if (auto r = sink(std::move(page), pages); !r) return abandon(r.error());
        ++pages;
        if (!feeder) break;  // a platen job has exactly one page; asking again hangs some devices
    }
    if (feeder) {
        // The feeder ran out: normal end, or a jam / an empty tray that stopped the job.
        auto c = conditionFromStatus(true);
        if (c == ScannerCondition::Jam) return failWith(c, ErrorCode::Io, "eSCL: paper jam in the feeder");
        if (pages == 0) return failWith(ScannerCondition::FeederEmpty, ErrorCode::NotFound, "eSCL: the feeder is empty");
    } else if (pages == 0) {
        return failWith(ScannerCondition::Unknown, ErrorCode::Protocol, "eSCL: the job ended without a page");
    }
    condition_ = ScannerCondition::Ready;
    return pages;
}

}  // namespace guichet::escl
