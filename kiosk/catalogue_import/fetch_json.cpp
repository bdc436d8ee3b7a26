#include "kiosk/catalogue_import/fetch_json.hpp"

#include "kiosk/upload/http_client.hpp"

namespace guichet::catalogue_import {

namespace {
constexpr std::size_t kMaxDocument = 8 * 1024 * 1024;  // a big w.c.s. schema is ~1 MB
}

Result<nlohmann::json> fetchJson(const std::string& url, const std::string& shownUrl, const outbox::HttpConfig& http) {
    upload::HttpRequest req;
    req.method = "GET";
    req.url = url;
    req.headers = {"Accept: application/json"};
    req.maxAnswerBytes = kMaxDocument;
    auto res = upload::perform(req, http);
    if (!res.transferred) {
        std::string why = res.connectFailed ? "serveur injoignable (" + res.error + ")"
                          : res.tlsFailed   ? "échec TLS (" + res.error + ") : vérifiez le certificat du serveur"
                                            : "échange interrompu (" + res.error + ")";
        return makeError(ErrorCode::Io, shownUrl + " : " + why);
    }
    if (res.status < 200 || res.status >= 300) {
        std::string hint;
        if (res.status == 401 || res.status == 403) hint = " : accès refusé, vérifiez l'identifiant et la clé";
        else if (res.status == 404) hint = " : adresse inconnue du serveur, vérifiez l'URL";
        else if (res.status >= 300 && res.status < 400) hint = " : le serveur redirige ailleurs, donnez l'adresse finale (souvent https://…)";
        else if (res.status >= 500) hint = " : erreur du serveur, réessayez plus tard";
        return makeError(ErrorCode::Protocol, shownUrl + " : le serveur a répondu HTTP " + std::to_string(res.status) + hint);
    }
    if (res.answerTruncated)
        return makeError(ErrorCode::Protocol, shownUrl + " : réponse de plus de " + std::to_string(kMaxDocument / (1024 * 1024)) +
                                                  " Mo, refusée");
    try {
        return nlohmann::json::parse(res.body);
    } catch (const nlohmann::json::parse_error& e) {
        return makeError(ErrorCode::Protocol, shownUrl + " : réponse qui n'est pas du JSON valide (octet " +
                                                  std::to_string(e.byte) + ")");
    }
}

}  // namespace guichet::catalogue_import
