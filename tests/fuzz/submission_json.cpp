// A submission file given to `guichetctl outbox enqueue`: JSON parsed, read into a
// Submission, written back as the JSON the connectors send, then wiped.
#include <nlohmann/json.hpp>

#include "kiosk/submission/submission.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace guichet;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(data, data + size);
    } catch (const nlohmann::json::exception&) {
        return 0;
    }
    auto sub = Submission::fromJson(j);
    if (!sub) return 0;
    try {
        (void)sub->toJson().dump();
    } catch (const nlohmann::json::exception&) {
        // invalid UTF-8 in a string: dump refuses it, the enqueue reports it
    }
    sub->wipe();
    return 0;
}
