// Scenario steps that move the demo reader's card (guichet --demo): `card-insert KIND`
// (t1, t0, family, contactless, other, mute), `card-remove`, `card-unplug`.
#include "drivers/emulators/ccid/virtual_card.hpp"
#include "ui/card_step/card_reader_extension.hpp"
#include "ui/scenario/scenario.hpp"

namespace guichet::ui {
namespace {

Result<std::shared_ptr<emu::EmulatedCcidReader>> reader() {
    auto r = demoCardReader();
    if (!r) return makeError(ErrorCode::NotFound, "no emulated card reader (run guichet with --demo)");
    return r;
}

Result<void> insert(StepContext& c) {
    auto r = reader();
    if (!r) return r.error();
    const std::string& kind = c.step.args[0];
    emu::VirtualCardProfile p;
    if (kind == "t1") p = emu::cityCardT1();
    else if (kind == "t0") p = emu::cityCardT0();
    else if (kind == "family") {  // the family card of the bill payment: "FAM04521", zero-padded
        p = emu::cityCardT1();
        p.fileContent = Bytes{'F', 'A', 'M', '0', '4', '5', '2', '1', 0, 0, 0, 0, 0, 0, 0, 0};
    }
    else if (kind == "contactless") p = emu::contactlessCityCard();
    else if (kind == "other") (p = emu::cityCardT1()).aid = Bytes{0xA0, 0x00, 0x00, 0x00, 0x42, 0x10, 0x10};
    else if (kind == "mute") (p = emu::cityCardT1()).mute = true;
    else return makeError(ErrorCode::InvalidArgument, "card-insert: KIND is t1, t0, family, contactless, other or mute");
    (*r)->insertCard(p);
    c.host.settle();
    return {};
}

Result<void> remove(StepContext& c) {
    auto r = reader();
    if (!r) return r.error();
    (*r)->removeCard();
    c.host.settle();
    return {};
}

Result<void> unplug(StepContext& c) {
    auto r = reader();
    if (!r) return r.error();
    (*r)->unplug();
    c.host.settle();
    return {};
}

}  // namespace

GUICHET_SCENARIO_STEP({"card-insert", "card-insert t1|t0|family|contactless|other|mute", 1, 1, insert});
GUICHET_SCENARIO_STEP({"card-remove", "card-remove", 0, 0, remove});
GUICHET_SCENARIO_STEP({"card-unplug", "card-unplug", 0, 0, unplug});

}  // namespace guichet::ui
