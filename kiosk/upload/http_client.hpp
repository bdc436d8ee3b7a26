// One HTTP exchange over libcurl with the outbox's rules: TLS verification always on,
// a timeout on connect and on the whole transfer, the body streamed from a BodySource,
// and a record of whether the request fully left (a later failure is then ambiguous).
#pragma once

#include <string>
#include <vector>

#include "kiosk/outbox/outbox_config.hpp"
#include "kiosk/upload/body_source.hpp"

namespace guichet::upload {

struct HttpRequest {
    std::string method = "POST";
    std::string url;
    std::vector<std::string> headers;  // "Name: value"
    BodySource* body = nullptr;
    // Answers are small for the outbox; the catalogue import reads whole service lists
    // and form schemas, and asks for more (0: the default 64 KiB).
    std::size_t maxAnswerBytes = 0;
};

struct HttpResponse {
    bool transferred = false;   // an HTTP answer was read (status is meaningful)
    int status = 0;
    std::string body;           // capped at 64 KiB (or maxAnswerBytes): a server cannot bloat us
    bool answerTruncated = false;  // the answer was longer than the cap: body is incomplete
    bool requestLeft = false;   // the whole request was handed to the network
    bool connectFailed = false; // nothing reached the server: the network or the server is down
    bool tlsFailed = false;
    std::string error;          // curl's description, for the operator
};

HttpResponse perform(const HttpRequest& req, const outbox::HttpConfig& cfg);

// Opens (and closes) a TCP/TLS connection to the URL's host: is the back office reachable?
bool probe(const std::string& url, const outbox::HttpConfig& cfg);

std::string urlEncode(const std::string& s);

}  // namespace guichet::upload
