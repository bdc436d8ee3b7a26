// The outbox and uploader settings (config/outbox.toml): where the queue lives, how long
// personal data is kept, backoff, timeouts and the back-office connectors.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "drivers/common/result.hpp"

namespace guichet::outbox {

struct BackoffConfig {
    int baseMs = 2000;       // first retry delay
    int capMs = 600000;      // longest delay between two attempts
    int maxAttempts = 25;    // then the submission is "dead" and the operator must act
};

struct HttpConfig {
    int connectTimeoutMs = 5000;
    int requestTimeoutMs = 30000;  // whole transfer, upload included
    std::string caBundle;          // empty: the system's CA store. Verification is always on.
    int probeIntervalMs = 5000;    // while offline, how often the network is tried again
    // Webhook requests in flight at once while a backlog drains, each on its own kept-alive
    // connection: on a real network the drain goes this many times faster than one after
    // the other. 1 for a back office that must receive demands strictly in order.
    int inFlight = 4;
};

struct WebhookConfig {
    std::string url;
    std::string secret;  // HMAC-SHA256 key of X-Guichet-Signature
    // "json": one JSON body, attachments inline as base64. "multipart": multipart/form-data
    // with the JSON as the first part and one binary part per attachment (for back offices
    // that refuse large JSON bodies); the signature covers the whole body either way.
    std::string format = "json";
    // "Suivre ma demande": GET this URL ({uuid}, {reference}, {remote_id} replaced) for
    // {status, message, updated_at}. Empty: the terminal shows the outbox's view only.
    std::string statusUrl;
};

// How one procedure's answers map onto an Open311 service request.
struct Open311Service {
    // The default service code: used when fields.service_code names no answered choice, or
    // when that choice is not in serviceCodes.
    std::string serviceCode;
    std::map<std::string, std::string> serviceCodes;  // choice value -> service code (empty: value as is)
    std::map<std::string, std::string> fields;      // open311 parameter -> answer field id
                                                    // (service_code: the choice; media: the photo)
    std::map<std::string, std::string> attributes;  // attribute code -> answer field id
};

struct Open311Config {
    std::string url;  // base URL; requests.json and tokens/ are appended
    std::string apiKey;
    std::string jurisdictionId;
    int tokenPollMs = 60000;
    // How the photo (fields.media) travels: "url" uploads it to mediaUploadUrl and sends the
    // returned address as media_url; "multipart" sends requests.json as multipart/form-data
    // with a "media" file part (FixMyStreet and others accept it); "none" never sends it.
    // "auto" (default): url when mediaUploadUrl is set, else multipart.
    std::string media = "auto";
    std::string mediaUploadUrl;  // POST multipart "file" part; answers {"url": "..."}
    std::map<std::string, Open311Service> services;  // procedure id -> mapping
};

struct WcsConfig {
    std::string url;   // base URL; api/formdefs/<slug>/submit is appended
    std::string orig;  // the terminal's API user name on Publik
    std::string key;   // shared signing key
    std::map<std::string, std::string> formdefs;  // procedure id -> formdef slug
    // procedure id -> (answer field id -> w.c.s. field varname). Without a table a field goes
    // to the w.c.s. field of the same name; with one, a document field missing from it
    // cannot be placed: the submission is refused and `catalogue check` fails.
    std::map<std::string, std::map<std::string, std::string>> fields;
};

struct DirectoryConfig {
    std::string path;  // the share that staff collect
};

struct OutboxConfig {
    std::string database = "/var/lib/guichet/outbox.sqlite";
    std::string keyFile;           // empty: database + ".key"
    int retentionDays = 30;        // personal data of sent submissions
    std::string integrityCheck = "quick";  // quick | full | off
    BackoffConfig backoff;
    HttpConfig http;
    std::map<std::string, std::string> routes;  // procedure id -> connector (overrides the catalogue)
    std::optional<WebhookConfig> webhook;
    std::optional<Open311Config> open311;
    std::optional<WcsConfig> wcs;
    std::optional<DirectoryConfig> directory;

    std::string effectiveKeyFile() const { return keyFile.empty() ? database + ".key" : keyFile; }
};

// Errors read "file:line: what is wrong". Relative paths are resolved against the file's folder.
Result<OutboxConfig> loadOutboxConfig(const std::string& path);
Result<OutboxConfig> parseOutboxConfig(const std::string& text, const std::string& sourceName,
                                       const std::string& baseDir = ".");

}  // namespace guichet::outbox
