#include "ui/card_step/card_step.hpp"

#include <imgui.h>

#include "kiosk/card/card_service.hpp"
#include "kiosk/card/identifier_reader.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui {

namespace {
std::function<void()>& chimeSlot() {
    static std::function<void()> c;
    return c;
}
}  // namespace

void setCardChime(std::function<void()> chime) { chimeSlot() = std::move(chime); }
const std::function<void()>& cardChime() { return chimeSlot(); }

// Shared with the service's callback, which may run after the panel is gone.
struct CardStepPanel::Shared {
    enum class Phase { Idle, Reading, Identified, Failed, Typing } phase = Phase::Idle;
    std::string identifier;
    std::string tail;     // its last four characters, the only part ever shown
    std::string message;  // the resident-facing failure text
    bool alive = true;
    ~Shared() {
        card::wipeStorage(identifier);
        card::wipeStorage(tail);
    }
};

CardStepPanel::CardStepPanel(std::string idSuffix, std::string fallbackLabel)
    : suffix_(std::move(idSuffix)), fallbackLabel_(std::move(fallbackLabel)), shared_(std::make_shared<Shared>()) {}

CardStepPanel::~CardStepPanel() {
    shared_->alive = false;
    card::wipeStorage(shared_->identifier);
    card::wipeStorage(shared_->tail);
}

void CardStepPanel::cancel() {
    if (shared_->phase == Shared::Phase::Reading && reader_) reader_->cancel();
    shared_->phase = Shared::Phase::Typing;
}

void CardStepPanel::start(UiContext& ctx) {
    CardReaderService* reader = ctx.services.cardReader;
    if (!reader) {
        shared_->phase = Shared::Phase::Failed;
        shared_->message = card::residentMessage(makeError(ErrorCode::NotFound, ""));
        return;
    }
    reader_ = reader;
    shared_->phase = Shared::Phase::Reading;
    shared_->message.clear();
    std::weak_ptr<Shared> weak = shared_;
    reader->readIdentifier([weak](Result<std::string> r) {
        auto s = weak.lock();
        if (!s || !s->alive || s->phase != Shared::Phase::Reading) {
            if (r.ok()) card::wipeStorage(r.value());
            return;
        }
        if (r.ok()) {
            s->identifier = std::move(r.value());
            card::wipeStorage(r.value());
            const std::string& id = s->identifier;
            s->tail = id.size() > 4 ? id.substr(id.size() - 4) : id;
            s->phase = Shared::Phase::Identified;
        } else if (r.error().code != ErrorCode::Cancelled) {
            s->message = card::residentMessage(r.error());
            s->phase = Shared::Phase::Failed;
        }
    });
}

bool CardStepPanel::hasIdentifier() const { return !shared_->identifier.empty(); }

std::string CardStepPanel::takeIdentifier() {
    std::string out = std::move(shared_->identifier);
    card::wipeStorage(shared_->identifier);
    return out;
}

CardStepPanel::Outcome CardStepPanel::draw(UiContext& ctx) {
    using Phase = Shared::Phase;
    if (shared_->phase == Phase::Idle && !ctx.inert) start(ctx);
    CardReaderService* reader = ctx.services.cardReader;
    const DeviceStatus status = reader ? reader->status() : DeviceStatus::Absent;

    Outcome out = Outcome::None;
    switch (shared_->phase) {
        case Phase::Idle:
        case Phase::Reading:
            heading(ctx, _("Identifiez-vous avec votre carte"));
            if (status == DeviceStatus::Busy) {
                paragraph(ctx, _("Lecture de la carte… Ne la retirez pas."));
            } else {
                paragraph(ctx, _("Insérez votre carte dans le lecteur, puce vers le haut, ou posez-la à plat sur "
                                 "le lecteur sans contact."));
            }
            // No requestFrame: status changes and the result arrive as posted tasks, which wake the UI.
            break;
        case Phase::Identified: {
            heading(ctx, _("Carte lue"));
            // Only the last characters are shown: the screen may be seen by others.
            paragraph(ctx, std::string(_("Numéro se terminant par ")) + shared_->tail);
            out = Outcome::Identified;
            break;
        }
        case Phase::Failed: {
            drawCardReadFailure(ctx, suffix_, shared_->message);
            ButtonStyle retry;
            retry.kind = ButtonKind::Primary;
            retry.icon = "back";
            const std::string id = "retry##card-" + suffix_;
            if (bigButton(ctx, id.c_str(), _("Réessayer"), retry)) start(ctx);
            break;
        }
        case Phase::Typing: break;
    }
    if (shared_->phase != Phase::Identified && shared_->phase != Phase::Typing) {
        spacing(ctx, 16);
        const std::string id = "nocard##card-" + suffix_;
        ButtonStyle st;
        st.icon = "cross";
        const std::string label = fallbackLabel_.empty() ? std::string(_("Je n'ai pas ma carte")) : fallbackLabel_;
        if (bigButton(ctx, id.c_str(), label, st)) {
            shared_->phase = Phase::Typing;
            if (reader) reader->cancel();
        }
    }
    if (shared_->phase == Phase::Typing) out = Outcome::TypeInstead;
    return out;
}

void drawCardReadFailure(UiContext& ctx, const std::string& idSuffix, const std::string& message) {
    heading(ctx, _("La carte n'a pas pu être lue"));
    a11y::Node alert;
    alert.id = "alert##card-" + idSuffix;
    alert.role = a11y::Role::Alert;
    alert.label = message;
    ctx.tree.add(alert);
    paragraph(ctx, message);
}

bool TakeCardBackPanel::cardInside(UiContext& ctx) {
    const DeviceStatus status = ctx.services.cardReader ? ctx.services.cardReader->status() : DeviceStatus::Absent;
    return !card::TakeCardBack().update(status, card::TakeCardBack::Clock::now()).done;
}

bool TakeCardBackPanel::draw(UiContext& ctx) {
    const DeviceStatus status = ctx.services.cardReader ? ctx.services.cardReader->status() : DeviceStatus::Absent;
    auto step = logic_.update(status, card::TakeCardBack::Clock::now());
    if (step.done) return true;
    if (step.chime) {
        const auto& chime = chime_ ? chime_ : cardChime();
        if (chime) chime();
    }
    heading(ctx, _("Reprenez votre carte"));
    a11y::Node alert;
    alert.id = "alert##takecard";
    alert.role = a11y::Role::Alert;
    alert.label = _("Reprenez votre carte dans le lecteur avant de continuer.");
    ctx.tree.add(alert);
    paragraph(ctx, alert.label);
    ctx.requestFrame();  // the reminder chime is time-driven; this lasts only until the card is out
    return false;
}

}  // namespace guichet::ui
