// The operator console, once the PIN is right: the terminal's state at a glance (devices,
// demands waiting, disk, versions — in words on coloured labels) and the few actions staff
// at the desk need. Nothing here opens a shell or a file. Every action is logged as
// "console". Closes by itself after [console] idle_seconds without input; closing always
// ends the session (wiped, back to the attract or the out-of-service screen).
#include <cfloat>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <set>

#include <imgui.h>

#include "kiosk/devices/printer_profiles.hpp"
#include "kiosk/devices/test_receipt.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/version/version.hpp"
#include "ui/console/console_facts.hpp"
#include "ui/console/console_runtime.hpp"
#include "ui/console/console_widgets.hpp"
#include "ui/core/page.hpp"
#include "ui/core/paged_column.hpp"
#include "ui/core/widgets.hpp"
#include "ui/integration/integration_services.hpp"
#include "ui/integration/outbox_service.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui::console_ui {
namespace {

Level levelOf(appliance::Health h) {
    switch (h) {
        case appliance::Health::Healthy: return Level::Ok;
        case appliance::Health::Degraded: return Level::Watch;
        case appliance::Health::Failing: return Level::Failing;
    }
    return Level::Failing;
}

// A device's state in the words of the person at the desk, and how worrying it is.
std::pair<std::string, Level> deviceWords(const std::string& kind, const std::string& s) {
    if (s == "ready") return {_("Prêt"), Level::Ok};
    if (s == "no-card") return {_("Prêt (pas de carte)"), Level::Ok};
    if (s == "card-present") return {_("Carte insérée"), Level::Ok};
    if (s == "busy") return {_("Occupé"), Level::Ok};
    if (s == "paper-low") return {_("Papier presque fini"), Level::Watch};
    if (s == "paper-out") return {_("Plus de papier"), Level::Failing};
    if (s == "cover-open") return {_("Capot ouvert"), Level::Failing};
    if (s == "feeder-empty") return {_("Chargeur vide"), Level::Ok};
    if (s == "jam") return {_("Bourrage"), Level::Failing};
    if (s == "error") return {_("En erreur"), Level::Failing};
    if (s == "absent") return {_("Absent ou débranché"), kind == "printer" ? Level::Failing : Level::Watch};
    return {_("État inconnu"), Level::Watch};
}

std::string dateText(std::int64_t unixSeconds) {
    std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M", &tm);
    return buf;
}

class ConsoleScreen : public Screen {
public:
    std::string id() const override { return "console"; }
    std::string title() const override { return _("Console de l'accueil"); }
    std::string instruction() const override { return _("État de la borne et actions de l'accueil."); }

    void onEnter(UiContext& ctx) override {
        ConsoleRuntime::audit("opened: status shown");
        facts_ = gatherConsoleFacts(ctx);
    }
    void onLeave(UiContext&) override { ConsoleRuntime::audit("closed"); }

    Intent draw(UiContext& ctx) override {
        ConsoleRuntime* rt = ConsoleRuntime::instance();
        if (rt) ctx.closeWhenIdle = std::chrono::seconds(rt->config().idleSeconds);
        if (refresh_) {
            refresh_ = false;
            facts_ = gatherConsoleFacts(ctx);
        }
        PageScope page(ctx, {.title = title(), .subtitle = overallSubtitle(), .footer = false});
        Intent intent;
        std::vector<Block> blocks;
        if (confirmRestart_) {
            blocks.push_back({[&] { restartQuestion(ctx, intent); }, false, 0});
            parts_.draw(ctx, page, blocks);
        } else {
            tabs(ctx, page, intent);
            if (tab_ == Tab::Status) {
                Split split;
                addStatus(ctx, blocks, split);
                // Landscape at normal size: devices and demands on the left, the rest on the
                // right — the whole state on one screen. Else one column in parts.
                bool wide = !ctx.portrait() && ctx.fonts.textScale <= 1.01f && !overflowed_;
                if (wide) drawTwoColumns(ctx, page, blocks, split, overflowed_);
                else statusParts_.draw(ctx, page, blocks);
            } else {
                bool wide = !ctx.portrait() && ctx.fonts.textScale <= 1.01f && !actionsOverflowed_;
                if (wide) {
                    // Three actions a column: all six on one screen, the outcome above them.
                    if (!result_.empty()) statusLine(ctx, result_, "info");
                    addActions(ctx, blocks, false);
                    Split split{0, 3};
                    drawTwoColumns(ctx, page, blocks, split, actionsOverflowed_);
                } else {
                    addActions(ctx, blocks, true);
                    parts_.draw(ctx, page, blocks);
                }
            }
        }
        (void)page.finish();
        return intent;
    }

private:
    enum class Tab { Status, Actions };
    struct Split {
        std::size_t leftBegin = 0, leftEnd = 0;  // blocks[leftBegin, leftEnd): the left column
    };

    // Two large choices at the top: the state, or the actions (a tab an agent sees at once,
    // rather than actions hidden four parts down).
    void tabs(UiContext& ctx, PageScope& page, Intent& intent) {
        ImVec2 o = ImGui::GetCursorScreenPos();
        float w = page.contentWidth(), gap = ctx.px(24);
        ImFont* bf = ctx.fonts.bold;
        const char* stateLabel = _("État de la borne");
        const char* actionsLabel = _("Actions");
        const char* closeLabel = _("Fermer la console");
        auto textW = [bf](const char* t) { return bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, t).x; };
        const float pad = bf->FontSize * 1.2f + ctx.px(80);  // a mark or an icon, and the margins
        // One row when the three labels fit on one line each; else the two tabs, then
        // "Fermer la console" full width under them (portrait, large text).
        bool oneRow = textW(stateLabel) + textW(actionsLabel) + textW(closeLabel) + 3 * pad + 2 * gap <= w;
        float closeW = oneRow ? textW(closeLabel) + pad : w;
        float bw = oneRow ? (w - closeW - 2 * gap) / 2 : (w - gap) / 2;
        auto height = [&](const char* t, float width) {
            return measureWrappedText(bf, std::max(width - pad, ctx.px(40)), t).y + ctx.px(44);
        };
        float bh = std::max({ctx.px(100), height(stateLabel, bw), height(actionsLabel, bw)});
        float ch = oneRow ? bh : std::max(ctx.px(100), height(closeLabel, closeW));
        ButtonStyle chip;
        chip.kind = ButtonKind::Chip;
        chip.role = a11y::Role::Choice;
        chip.font = bf;
        chip.selected = tab_ == Tab::Status;
        chip.checked = chip.selected;
        if (button(ctx, "status-tab##console", stateLabel, o, ImVec2(bw, bh), chip)) tab_ = Tab::Status;
        chip.selected = tab_ == Tab::Actions;
        chip.checked = chip.selected;
        if (button(ctx, "actions-tab##console", actionsLabel, ImVec2(o.x + bw + gap, o.y), ImVec2(bw, bh), chip))
            tab_ = Tab::Actions;
        ButtonStyle primary;
        primary.kind = ButtonKind::Primary;
        primary.icon = "cross";
        ImVec2 closeAt = oneRow ? ImVec2(o.x + 2 * (bw + gap), o.y) : ImVec2(o.x, o.y + bh + gap);
        if (button(ctx, "close##console", closeLabel, closeAt, ImVec2(closeW, ch), primary)) intent = Intent::endSession();
        float bottom = oneRow ? o.y + bh : closeAt.y + ch;
        ImGui::SetCursorScreenPos(ImVec2(o.x, bottom + ctx.px(32)));
        ImGui::Dummy(ImVec2(1, 0));
    }

    void drawTwoColumns(UiContext& ctx, PageScope& page, const std::vector<Block>& blocks, const Split& split,
                        bool& overflowed) {
        ImVec2 o = ImGui::GetCursorScreenPos();
        float gap = ctx.px(64);
        float colW = (page.contentWidth() - gap) / 2;
        ImGui::PushItemWidth(colW);
        // A group per column: each widget's next line starts at its column, not the page's.
        ImGui::BeginGroup();
        for (std::size_t i = split.leftBegin; i < split.leftEnd; ++i) blocks[i].draw();
        float leftBottom = ImGui::GetCursorScreenPos().y;
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(ImVec2(o.x + colW + gap, o.y));
        ImGui::BeginGroup();
        for (std::size_t i = 0; i < blocks.size(); ++i)
            if (i < split.leftBegin || i >= split.leftEnd) blocks[i].draw();
        float rightBottom = ImGui::GetCursorScreenPos().y;
        ImGui::EndGroup();
        ImGui::PopItemWidth();
        ImGui::SetCursorScreenPos(ImVec2(o.x, std::max(leftBottom, rightBottom)));
        ImGui::Dummy(ImVec2(1, 0));
        // Too tall for the screen (many connectors): one column in parts from the next frame.
        if (std::max(leftBottom, rightBottom) > page.layout().bodyMax.y - ctx.px(60)) {
            overflowed = true;
            ctx.requestFrame();
        }
    }

    std::string overallSubtitle() const {
        std::string word;
        switch (facts_.report.overall) {
            case appliance::Health::Healthy: word = _("tout va bien"); break;
            case appliance::Health::Degraded: word = _("à surveiller"); break;
            case appliance::Health::Failing: word = _("en panne"); break;
        }
        return std::string(_("État de la borne :")) + " " + word;
    }

    void addStatus(UiContext& ctx, std::vector<Block>& blocks, Split& split) {
        // The blocks run later in this frame: they read the members, never a local.
        blocks.push_back({[&] {
                              const char* word = facts_.report.overall == appliance::Health::Healthy ? _("OK")
                                                 : facts_.report.overall == appliance::Health::Degraded ? _("À surveiller")
                                                                                                    : _("En panne");
                              statusRow(ctx, _("État général"), word, levelOf(facts_.report.overall));
                              if (ctx.outOfService)
                                  statusRow(ctx, _("Accueil du public"), _("Hors service"), Level::Watch,
                                            _("Les habitants voient l'écran « hors service »."));
                          },
                          false, 0});
        split.leftBegin = blocks.size();
        blocks.push_back({[&] { heading(ctx, _("Appareils")); }, true, 1});
        blocks.push_back({[&] {
                              std::string model = facts_.printerModel.empty() ? _("modèle reconnu à sa connexion") : facts_.printerModel;
                              if (facts_.printerEmulated) model = _("imprimante simulée (démonstration)");
                              if (const auto* d = device("printer")) {
                                  auto [word, level] = deviceWords("printer", d->status);
                                  statusRow(ctx, _("Imprimante de reçus"), word, level,
                                            d->detail.empty() ? model : model + " · " + d->detail);
                              } else {
                                  statusRow(ctx, _("Imprimante de reçus"), _("Non démarrée"), Level::Failing,
                                            _("Vérifiez le câble et l'alimentation, puis redémarrez la borne."));
                              }
                          },
                          false, 1});
        blocks.push_back({[&] {
                              const auto* d = device("card-reader");
                              auto [word, level] = d ? deviceWords("card-reader", d->status)
                                                     : std::pair<std::string, Level>{_("Non installé"), Level::Neutral};
                              statusRow(ctx, _("Lecteur de carte"), word, level);
                          },
                          false, 1});
        blocks.push_back({[&] {
                              const auto* d = device("scanner");
                              auto [word, level] = d ? deviceWords("scanner", d->status)
                                                     : std::pair<std::string, Level>{_("Non installé"), Level::Neutral};
                              statusRow(ctx, _("Scanner"), word, level);
                          },
                          false, 1});
        if (facts_.paymentConfigured)
            blocks.push_back({[&] {
                                  statusRow(ctx, _("Terminal de paiement"), facts_.paymentReady ? _("Prêt") : _("Injoignable"),
                                            facts_.paymentReady ? Level::Ok : Level::Watch);
                              },
                              false, 1});
        blocks.push_back({[&] { heading(ctx, _("Demandes à envoyer")); }, true, 2});
        if (!facts_.inputs.outbox) {
            blocks.push_back({[&] {
                                  statusRow(ctx, _("File des demandes"), _("Illisible"), Level::Failing, facts_.inputs.outboxError);
                              },
                              false, 2});
        } else {
            blocks.push_back({[&] {
                                  std::int64_t waiting = outbox().waiting();
                                  bool old = outbox().oldestQueuedAgeS && *outbox().oldestQueuedAgeS > facts_.inputs.config.queueDegradedSeconds;
                                  std::string detail;
                                  if (outbox().oldestQueuedAgeS)
                                      detail = std::string(_("La plus ancienne attend depuis")) + " " +
                                               durationText(*outbox().oldestQueuedAgeS) + ".";
                                  statusRow(ctx, _("En attente d'envoi"), std::to_string(waiting),
                                            waiting == 0 ? Level::Ok : old ? Level::Watch : Level::Neutral, detail);
                              },
                              false, 2});
            blocks.push_back({[&] {
                                  statusRow(ctx, _("Envoyées aujourd'hui"), std::to_string(outbox().sentToday), Level::Neutral);
                              },
                              false, 2});
            blocks.push_back({[&] {
                                  std::int64_t dead = outbox().count("dead");
                                  statusRow(ctx, _("Abandonnées après trop d'échecs"), std::to_string(dead),
                                            dead ? Level::Watch : Level::Ok,
                                            dead ? _("Touchez « Relancer les demandes abandonnées » plus bas.") : "");
                              },
                              false, 2});
            std::set<std::string> connectors;
            for (const auto& [c, ms] : outbox().lastSentAtMs) connectors.insert(c);
            for (const auto& [c, a] : outbox().lastAttemptAnswered) connectors.insert(c);
            for (const std::string& c : connectors)
                blocks.push_back({[&, c] {
                                      auto last = outbox().lastSentAtMs.find(c);
                                      std::string detail = last == outbox().lastSentAtMs.end()
                                                               ? std::string(_("Aucun envoi réussi pour l'instant."))
                                                               : std::string(_("Dernier envoi réussi il y a")) + " " +
                                                                     durationText(facts_.inputs.now - last->second / 1000) + ".";
                                      auto answered = outbox().lastAttemptAnswered.find(c);
                                      bool known = answered != outbox().lastAttemptAnswered.end();
                                      bool online = known && answered->second;
                                      std::string what = std::string(_("Liaison avec la mairie")) + " (" + c + ")";
                                      statusRow(ctx, what, !known ? _("Pas encore essayée") : online ? _("En ligne") : _("Hors ligne"),
                                                !known ? Level::Neutral : online ? Level::Ok : Level::Watch, detail);
                                  },
                                  false, 2});
        }
        split.leftEnd = blocks.size();
        blocks.push_back({[&] { heading(ctx, _("Borne")); }, true, 3});
        blocks.push_back({[&] {
                              if (!facts_.diskFree || !facts_.diskTotal || *facts_.diskTotal == 0) {
                                  statusRow(ctx, _("Espace disque libre"), _("Inconnu"), Level::Watch);
                                  return;
                              }
                              double share = static_cast<double>(*facts_.diskFree) / static_cast<double>(*facts_.diskTotal);
                              char pct[16];
                              std::snprintf(pct, sizeof pct, "%d %%", static_cast<int>(share * 100 + 0.5));
                              bool low = share < 0.10 || *facts_.diskFree < 1'000'000'000ull;
                              std::string detail = std::string(_("sur")) + " " + gigabytes(*facts_.diskTotal) + " (" + pct + ")";
                              statusRow(ctx, _("Espace disque libre"), gigabytes(*facts_.diskFree), low ? Level::Watch : Level::Ok,
                                        detail);
                          },
                          false, 3});
        blocks.push_back({[&] { statusRow(ctx, _("Version du logiciel"), facts_.inputs.heartbeat->version, Level::Neutral); }, false, 3});
        blocks.push_back({[&] {
                              char count[64];
                              std::snprintf(count, sizeof count, _("%d démarches"), facts_.procedures);
                              std::string detail = facts_.catalogue.files == 0
                                                       ? std::string(_("Dossier du catalogue illisible."))
                                                       : std::string(_("Empreinte")) + " " + facts_.catalogue.hash + " · " +
                                                             _("modifié le") + " " + dateText(facts_.catalogue.newestChange);
                              statusRow(ctx, _("Catalogue des démarches"), count, Level::Neutral, detail);
                          },
                          false, 3});
    }

    void addActions(UiContext& ctx, std::vector<Block>& blocks, bool withResult) {
        if (withResult && !result_.empty()) blocks.push_back({[&] { statusLine(ctx, result_, "info"); }, false, 4});
        ButtonStyle st;
        st.kind = ButtonKind::Secondary;
        blocks.push_back({[&, st]() mutable {
                              st.icon = "document";
                              if (bigButton(ctx, "print##console", _("Imprimer un reçu de test"), st)) printTest(ctx);
                          },
                          false, 4});
        blocks.push_back({[&, st]() mutable {
                              std::int64_t dead = facts_.inputs.outbox ? facts_.inputs.outbox->count("dead") : 0;
                              st.icon = "back";
                              st.disabled = dead == 0;  // the count says why: "(0)"
                              std::string label = std::string(_("Relancer les demandes abandonnées")) + " (" +
                                                  std::to_string(dead) + ")";
                              if (bigButton(ctx, "retry##console", label, st)) retryDead(ctx);
                          },
                          false, 4});
        blocks.push_back({[&, st]() mutable {
                              st.icon = "alert";
                              const char* label = ctx.outOfService ? _("Remettre la borne en service")
                                                                   : _("Mettre la borne hors service");
                              if (bigButton(ctx, "service##console", label, st)) toggleService(ctx);
                          },
                          false, 4});
        blocks.push_back({[&, st]() mutable {
                              st.icon = "document";
                              if (bigButton(ctx, "reload##console", _("Recharger le catalogue des démarches"), st))
                                  reloadCatalogue(ctx);
                          },
                          false, 4});
        blocks.push_back({[&, st]() mutable {
                              st.icon = "clock";
                              if (bigButton(ctx, "restart##console", _("Redémarrer la borne"), st)) confirmRestart_ = true;
                          },
                          false, 4});
        blocks.push_back({[&, st]() mutable {
                              st.icon = "search";
                              if (bigButton(ctx, "refresh##console", _("Actualiser l'état"), st)) {
                                  refresh_ = true;
                                  result_ = _("État actualisé.");
                              }
                          },
                          false, 4});
    }

    void restartQuestion(UiContext& ctx, Intent&) {
        heading(ctx, _("Redémarrer la borne ?"));
        paragraph(ctx, _("L'écran s'éteint quelques secondes puis la borne revient sur l'écran d'accueil. Les demandes "
                         "enregistrées sont gardées."));
        ButtonStyle primary;
        primary.kind = ButtonKind::Primary;
        primary.icon = "check";
        if (bigButton(ctx, "restart-yes##console", _("Oui, redémarrer"), primary)) {
            ConsoleRuntime::audit("action: restart (exit " + std::to_string(kRestartExitCode) + ", systemd starts it again)");
            ctx.exitCode = kRestartExitCode;
        }
        ButtonStyle quiet;
        quiet.icon = "back";
        if (bigButton(ctx, "restart-no##console", _("Non, revenir à la console"), quiet)) confirmRestart_ = false;
    }

    void printTest(UiContext& ctx) {
        ConsoleRuntime::audit("action: test receipt");
        if (!ctx.services.printer) {
            result_ = _("Pas d'imprimante : le reçu de test ne peut pas être imprimé.");
            return;
        }
        std::string model = !facts_.printerModel.empty() ? facts_.printerModel
                            : facts_.printerEmulated     ? std::string("generic-80mm (simulée)")
                                                         : std::string("reconnu par son identifiant USB");
        // The test logo ships with the sources, not the package: no logo rather than a warning.
        std::string logo = PrinterProfiles::defaultDirectory() + "/test-logo.png";
        std::error_code ec;
        if (!std::filesystem::exists(logo, ec)) logo.clear();
        doc::ReceiptDocument d = printerTestReceipt(model, logo);
        d.separator();
        d.row("Borne", ctx.config.terminalId);
        d.row("Version", softwareVersion());
        d.row("Imprimé le", dateText(std::time(nullptr)));
        d.line("Demandé depuis la console de l'accueil.");
        result_ = _("Reçu de test envoyé à l'imprimante…");
        // The screen may be gone when the printer answers: the answer goes to the log, and
        // to this screen only through the shared flag it owns.
        auto alive = alive_;
        ctx.services.printer->print(d, [alive, this](Result<void> r) {
            ConsoleRuntime::audit(r ? "test receipt printed" : "test receipt not printed: " + r.error().message);
            if (!*alive) return;
            result_ = r ? _("Reçu de test imprimé.") : std::string(_("Le reçu de test n'a pas pu être imprimé :")) + " " +
                                                          r.error().message;
            refresh_ = true;
        });
    }

    void retryDead(UiContext&) {
        integration::OutboxService* outbox = integration::outboxService();
        auto moved = outbox ? outbox->retryDead() : Result<int>(makeError(ErrorCode::NotFound, "no outbox"));
        char msg[200];
        if (moved) {
            ConsoleRuntime::audit("action: retry dead submissions (" + std::to_string(*moved) + " back in the queue)");
            std::snprintf(msg, sizeof msg, _("%d demande(s) remise(s) dans la file d'envoi."), *moved);
            result_ = msg;
        } else {
            ConsoleRuntime::audit("action: retry dead submissions failed: " + moved.error().message);
            result_ = std::string(_("Impossible de relancer les demandes :")) + " " + moved.error().message;
        }
        refresh_ = true;
    }

    void toggleService(UiContext& ctx) {
        ConsoleRuntime* rt = ConsoleRuntime::instance();
        std::string error;
        bool on = !ctx.outOfService;
        if (!rt || !rt->setOutOfService(ctx, on, error)) {
            result_ = std::string(_("Le réglage n'a pas pu être enregistré :")) + " " + error;
            return;
        }
        result_ = on ? _("La borne est hors service. Les habitants le verront dès la fermeture de la console.")
                     : _("La borne est de nouveau en service.");
        refresh_ = true;
    }

    void reloadCatalogue(UiContext& ctx) {
        auto* wz = wizard::WizardRuntime::instance();
        if (!wz) return;
        std::string report = wz->reload(ctx);
        if (report.empty()) {
            ConsoleRuntime::audit("action: catalogue reloaded");
            result_ = _("Catalogue rechargé.");
        } else {
            ConsoleRuntime::audit("action: catalogue reload refused (the one in use is kept)");
            std::string first = report.substr(0, report.find('\n'));
            result_ = std::string(_("Catalogue refusé, l'ancien reste en service :")) + " " + first;
        }
        refresh_ = true;
    }

    const appliance::DeviceReport* device(const char* kind) const {
        for (const auto& d : facts_.inputs.heartbeat->devices)
            if (d.kind == kind) return &d;
        return nullptr;
    }
    const appliance::OutboxFacts& outbox() const { return *facts_.inputs.outbox; }

    ConsoleFacts facts_;
    PagedColumn parts_, statusParts_;
    Tab tab_ = Tab::Status;
    bool overflowed_ = false, actionsOverflowed_ = false;
    std::string result_;
    bool refresh_ = false;
    bool confirmRestart_ = false;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);

public:
    ~ConsoleScreen() override { *alive_ = false; }
};

}  // namespace

GUICHET_SCREEN("console", [](UiContext&, const std::string&) { return std::make_unique<ConsoleScreen>(); });

}  // namespace guichet::ui::console_ui
