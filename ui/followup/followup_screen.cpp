// "Suivre ma demande": the resident types the reference printed on their receipt (or holds
// the receipt's QR code to a barcode reader) and reads what became of their demand —
// states and dates only, never an answer or a name (kiosk/followup).
#include <chrono>
#include <memory>

#include <imgui.h>

#include "kiosk/followup/follow_up.hpp"
#include "kiosk/followup/guess_guard.hpp"
#include "kiosk/followup/key_burst.hpp"
#include "kiosk/followup/reference_input.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "ui/core/input.hpp"
#include "ui/core/keyboard.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"
#include "ui/followup/followup_lookup.hpp"
#include "ui/integration/integration_services.hpp"
#include "ui/integration/outbox_service.hpp"

namespace guichet::ui::followup {
namespace {

using guichet::followup::FollowUpAnswer;
using guichet::followup::RemoteStatus;

std::int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// One guard per session: the shell wipes the session, the screen is recreated per visit,
// so the count lives here and is reset when a new session starts.
struct SessionGuard {
    unsigned session = 0;
    guichet::followup::GuessGuard guard;
};
SessionGuard& sessionGuard(UiContext& ctx) {
    static SessionGuard g;
    if (g.session != ctx.session.sessionsEnded()) {
        g.session = ctx.session.sessionsEnded();
        g.guard.reset();
    }
    return g;
}

struct Shared {
    enum class Phase { Typing, Searching, Answered } phase = Phase::Typing;
    FollowUpAnswer answer;
    std::string problem;  // the reference as typed cannot be one
};

class FollowUpScreen : public Screen {
public:
    std::string id() const override { return "followup"; }
    std::string title() const override { return _("Suivre ma demande"); }
    std::string instruction() const override {
        return _("Écrivez la référence imprimée sur votre reçu, ou présentez le code QR du reçu au lecteur.");
    }

    void onLeave(UiContext&) override { burst_.clear(); }

    Intent draw(UiContext& ctx) override {
        PageScope page(ctx, {.title = title(), .subtitle = shared_->phase == Shared::Phase::Typing ? instruction() : ""});
        Intent intent;
        switch (shared_->phase) {
            case Shared::Phase::Typing: drawTyping(ctx); break;
            case Shared::Phase::Searching: paragraph(ctx, _("Recherche en cours, patientez quelques secondes…")); break;
            case Shared::Phase::Answered: intent = drawAnswer(ctx); break;
        }
        if (Intent f = page.finish()) intent = f;
        return intent;
    }

    // Barcode readers type fast and end with Enter: digits arrive as keys, the rest as text.
    bool onRawKey(UiContext& ctx, Key key, std::int64_t atMs) override {
        if (shared_->phase != Shared::Phase::Typing || ctx.keyboard.isOpen()) return false;
        int d = digitOf(key);
        if (d >= 0) {
            burst_.feed(static_cast<char>('0' + d), atMs);
            return false;  // a person's digit still goes where it would
        }
        if (key == Key::Enter) {
            if (auto scanned = burst_.enter(atMs)) {
                search(ctx, *scanned);
                return true;
            }
        }
        return false;
    }
    void onText(UiContext& ctx, const char* utf8, std::int64_t atMs) override {
        if (shared_->phase != Shared::Phase::Typing || ctx.keyboard.isOpen()) return;
        for (const char* p = utf8; *p; ++p) burst_.feed(*p, atMs);
    }

private:
    void drawTyping(UiContext& ctx) {
        std::string& typed = ctx.session.field("followup.reference");
        FieldExtras extras;
        extras.example = "GU-7K3M-9QX2";  // shown as "Exemple : …" under the label, never in the box
        textField(ctx, "reference##followup", _("Référence de votre demande"), typed, FieldKind::Text,
                  _("Exemple : GU-7K3M-9QX2"), 16, extras);
        auto& guard = sessionGuard(ctx).guard;
        const std::int64_t waitMs = guard.waitMs(steadyMs());
        if (!shared_->problem.empty()) alert(ctx, "problem", shared_->problem);
        if (waitMs > 0) {
            std::string msg = std::string(_("Trop de références inconnues. Vous pourrez réessayer dans")) + " " +
                              std::to_string((waitMs + 999) / 1000) + " " + _("secondes.");
            alert(ctx, "pause", msg);
            ctx.requestFrame();  // the seconds count down on screen
        }
        spacing(ctx, 16);
        ButtonStyle primary;
        primary.kind = ButtonKind::Primary;
        primary.icon = "search";
        primary.disabled = waitMs > 0 || typed.empty();
        if (bigButton(ctx, "search##followup", _("Rechercher"), primary)) search(ctx, typed);
    }

    Intent drawAnswer(UiContext& ctx) {
        const FollowUpAnswer& a = shared_->answer;
        if (a.kind != FollowUpAnswer::Kind::Unknown) heading(ctx, procedureTitle(ctx, a.procedureId));
        paragraph(ctx, std::string(_("Référence")) + " : " + a.reference);
        alert(ctx, "answer", a.headline());
        paragraph(ctx, a.nextStep());
        if (a.kind == FollowUpAnswer::Kind::Sent && !a.remote) paragraph(ctx, _("Recherche auprès de la mairie…"), true);
        spacing(ctx, 16);
        Intent intent;
        ButtonStyle other;
        other.icon = "search";
        if (bigButton(ctx, "again##followup", _("Suivre une autre demande"), other)) {
            ctx.session.field("followup.reference").clear();
            shared_->phase = Shared::Phase::Typing;
            shared_->problem.clear();
        }
        ButtonStyle home;
        home.kind = ButtonKind::Primary;
        home.icon = "home";
        if (bigButton(ctx, "home##followup", _("Retour à l'accueil"), home)) intent = Intent::home();
        return intent;
    }

    void alert(UiContext& ctx, const char* id, const std::string& text) {
        a11y::Node n;
        n.id = std::string("alert##followup-") + id;
        n.role = a11y::Role::Alert;
        n.label = text;
        ctx.tree.add(n);
        paragraph(ctx, text);
    }

    // The procedure's name as the home screen shows it (the catalogue's tile).
    static std::string procedureTitle(UiContext& ctx, const std::string& procedureId) {
        for (const auto& t : collectHomeTiles(ctx))
            if (t.id == procedureId) return t.title;
        return _("Votre demande");
    }

    void search(UiContext& ctx, const std::string& typed) {
        auto& guard = sessionGuard(ctx).guard;
        const std::int64_t now = steadyMs();
        if (guard.waitMs(now) > 0) return;
        auto ref = guichet::followup::normaliseReference(typed);
        if (!ref.ok) {
            shared_->problem = ref.problem;
            return;
        }
        shared_->problem.clear();
        auto* service = integration::outboxService();
        std::optional<outbox::Entry> entry;
        if (service) entry = service->find(ref.canonical);
        FollowUpAnswer a;
        a.reference = ref.canonical;
        if (!entry) {
            guard.recordUnknown(now);
            shared_->answer = a;
            shared_->phase = Shared::Phase::Answered;
            return;
        }
        a = guichet::followup::answerFor(ref.canonical, *entry);
        shared_->answer = a;
        shared_->phase = Shared::Phase::Answered;
        if (a.kind == FollowUpAnswer::Kind::Sent) {
            std::weak_ptr<Shared> weak = shared_;
            remoteLookups().start(ctx.queue, service->config(), *entry, [weak](RemoteStatus status) {
                if (auto s = weak.lock()) s->answer.remote = status;
            });
        }
    }

    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
    guichet::followup::KeyBurst burst_;
};

// The home tile, shown when the terminal keeps its demands in an outbox (always, in a
// running terminal): after the démarches, before the practical information.
class FollowUpTile : public HomeTileProvider {
public:
    std::vector<HomeTile> tiles(UiContext&) override {
        if (!integration::outboxService()) return {};
        return {{"followup", _("Suivre ma demande"), "search", Intent::push("followup"), 9000}};
    }
};
GUICHET_HOME_TILES(FollowUpTile);

}  // namespace

GUICHET_SCREEN("followup", [](UiContext&, const std::string&) { return std::make_unique<FollowUpScreen>(); });

}  // namespace guichet::ui::followup
