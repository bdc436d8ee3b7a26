// What a back office answers (Open311, w.c.s., the webhook): read into "sent", "retry" or
// "rejected". First byte: connector; next two: HTTP status; the rest: the body (bounded at
// 64 KiB by the HTTP client, as here).
#include "kiosk/upload/open311_connector.hpp"
#include "kiosk/upload/wcs_connector.hpp"
#include "kiosk/upload/webhook_connector.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    if (size < 3 || size - 3 > 64 * 1024) return 0;
    upload::HttpResponse res;
    res.transferred = !(data[0] & 0x80);
    res.status = 100 + (data[1] << 8 | data[2]) % 500;
    res.body = fuzz::text(data + 3, size - 3);
    switch (data[0] % 4) {
        case 0: (void)upload::Open311Connector::readAnswer(res, "signalement"); break;
        case 1: (void)upload::Open311Connector::readTokenAnswer(res.body); break;
        case 2: (void)upload::WcsConnector::readAnswer(res); break;
        default: (void)upload::WebhookConnector::readAnswer(res); break;
    }
    return 0;
}
