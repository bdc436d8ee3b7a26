#include "kiosk/upload/connector.hpp"

#include <sodium.h>

#include "kiosk/upload/directory_connector.hpp"
#include "kiosk/upload/open311_connector.hpp"
#include "kiosk/upload/wcs_connector.hpp"
#include "kiosk/upload/webhook_connector.hpp"

namespace guichet::upload {

Result<std::unique_ptr<Connector>> makeConnector(const std::string& name, const outbox::OutboxConfig& cfg) {
    auto missing = [&] {
        return makeError(ErrorCode::NotFound, "connector '" + name + "' is used but [connectors." + name +
                                                  "] is missing from the configuration");
    };
    if (name == "webhook") {
        if (!cfg.webhook) return missing();
        return std::unique_ptr<Connector>(new WebhookConnector(*cfg.webhook, cfg.http));
    }
    if (name == "open311") {
        if (!cfg.open311) return missing();
        return std::unique_ptr<Connector>(new Open311Connector(*cfg.open311, cfg.http));
    }
    if (name == "wcs") {
        if (!cfg.wcs) return missing();
        return std::unique_ptr<Connector>(new WcsConnector(*cfg.wcs, cfg.http));
    }
    if (name == "directory") {
        if (!cfg.directory) return missing();
        return std::unique_ptr<Connector>(new DirectoryConnector(*cfg.directory));
    }
    return makeError(ErrorCode::InvalidArgument, "unknown connector '" + name + "'");
}

void Connector::sendEach(outbox::OutboxStore& store, const std::vector<outbox::Entry>& entries, BatchSends& sends) {
    for (std::size_t i = 0; i < entries.size() && sends.mayStart(); ++i) sends.done(i, send(store, entries[i]));
}

std::optional<SendOutcome> classifyFailure(const HttpResponse& res) {
    SendOutcome o;
    o.httpStatus = res.status;
    if (!res.transferred) {
        o.kind = SendOutcome::Kind::Retry;
        o.offline = res.connectFailed;
        o.ambiguous = res.requestLeft;
        o.detail = (res.tlsFailed ? "TLS verification failed: " : "") + res.error +
                   (o.ambiguous ? " (after the request was sent: possibly received)" : "");
        return o;
    }
    if (res.status >= 500 || res.status == 429 || res.status == 408) {
        o.kind = SendOutcome::Kind::Retry;
        o.detail = "HTTP " + std::to_string(res.status) + " from the back office";
        return o;
    }
    if (res.status >= 400 || res.status < 200 || res.status >= 300) {
        o.kind = SendOutcome::Kind::Rejected;
        o.detail = "HTTP " + std::to_string(res.status);
        if (res.status == 403 || res.status == 401) o.detail += ": the terminal's credentials were refused";
        return o;
    }
    return std::nullopt;
}

SendOutcome loadFailure(const Error& error) {
    SendOutcome o;
    const bool lost = error.code == ErrorCode::Corrupt || error.code == ErrorCode::NotFound;
    o.kind = lost ? SendOutcome::Kind::Rejected : SendOutcome::Kind::Retry;
    o.detail = (lost ? "" : "reading the outbox failed, retried later: ") + error.message;
    return o;
}

std::string hmacSha256Hex(const std::string& key, BodySource& body) {
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    if (const std::string* whole = body.whole()) {  // in memory already: signed in place
        crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(whole->data()), whole->size());
    } else {
        char buf[16384];
        (void)body.rewind();
        for (;;) {
            auto n = body.read(buf, sizeof buf);
            if (!n || *n == 0) break;
            crypto_auth_hmacsha256_update(&st, reinterpret_cast<unsigned char*>(buf), *n);
        }
        sodium_memzero(buf, sizeof buf);
        (void)body.rewind();
    }
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[2 * sizeof mac + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

std::string hmacSha256Base64(const std::string& key, const std::string& message) {
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, mac);
    char b64[sodium_base64_ENCODED_LEN(sizeof mac, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL);
    return b64;
}

}  // namespace guichet::upload
