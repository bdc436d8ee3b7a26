// guichetctl outbox status REFERENCE: the follow-up answer a resident would get at the
// terminal, asked from outside (same normalisation, same privacy: states and dates only).
#include <cstdio>
#include <iostream>
#include <string>

#include "kiosk/followup/follow_up.hpp"
#include "kiosk/followup/reference_input.hpp"

int followUpStatus(guichet::outbox::OutboxStore& store, const guichet::outbox::OutboxConfig& cfg,
                   const std::string& typed, bool asJson) {
    using namespace guichet::followup;
    ReferenceInput ref = normaliseReference(typed);
    if (!ref.ok) {
        std::fprintf(stderr, "guichetctl: '%s' is not a reference: %s\n", typed.c_str(), ref.problem.c_str());
        return 2;
    }
    FollowUpAnswer a = followUp(store, cfg, ref.canonical, /*askBackOffice=*/true);
    if (asJson) {
        std::cout << a.toJson().dump() << std::endl;
    } else {
        std::printf("%s: %s\n", a.reference.c_str(), a.headline().c_str());
        if (a.kind != FollowUpAnswer::Kind::Unknown) std::printf("%s\n", a.nextStep().c_str());
        if (a.remote && a.remote->kind == RemoteStatus::Kind::Unreachable)
            std::fprintf(stderr, "back office: %s\n", a.remote->detail.c_str());
    }
    return a.kind == FollowUpAnswer::Kind::Unknown ? 1 : 0;
}
