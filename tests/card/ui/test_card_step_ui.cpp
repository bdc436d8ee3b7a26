// CardStepPanel (through the card-step screen) and TakeCardBackPanel drawn by the real Shell
// in-process, with the emulated reader of --demo. Two home tiles exist only in this test
// binary to open them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <thread>

#include "kiosk/card/identifier_reader.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "ui/card_step/card_reader_extension.hpp"
#include "ui/card_step/card_step.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"
#include "ui/shell/shell.hpp"

using namespace guichet;
using namespace guichet::ui;
using namespace std::chrono_literals;

namespace {

// A page that only asks for the card back, as the wizard's last step would.
class TakeBackScreen : public Screen {
public:
    std::string id() const override { return "test.takeback"; }
    std::string title() const override { return "Fin"; }
    Intent draw(UiContext& ctx) override {
        PageScope page(ctx, {.title = title()});
        Intent intent;
        if (panel_.draw(ctx)) paragraph(ctx, "Merci, démarche terminée");
        if (Intent f = page.finish()) intent = f;
        return intent;
    }
    static int chimes;

private:
    TakeCardBackPanel panel_{[] { ++chimes; }};
};
int TakeBackScreen::chimes = 0;

GUICHET_SCREEN("test.takeback", [](UiContext&, const std::string&) { return std::make_unique<TakeBackScreen>(); });

class TestTiles : public HomeTileProvider {
public:
    std::vector<HomeTile> tiles(UiContext&) override {
        return {{"test-card", "Test carte", "document", Intent::push("card-step", "numero"), 1},
                {"test-takeback", "Test reprise", "document", Intent::push("test.takeback"), 2}};
    }
};
GUICHET_HOME_TILES(TestTiles);

struct Rig {
    std::chrono::steady_clock::time_point now{std::chrono::seconds(100000)};
    std::unique_ptr<Shell> shell;

    Rig() {
        setenv("GUICHET_CATALOGUE", (std::string(GUICHET_SOURCE_DIR) + "/config/procedures").c_str(), 1);
        TerminalConfig c = TerminalConfig::defaults();
        c.sourcePath = std::string(GUICHET_BINARY_DIR) + "/no-such-dir/terminal.toml";  // no card.toml: demo config
        shell = std::make_unique<Shell>(c, ShellOptions{"", true, 1920, 1080}, [this] { return now; });
        i18n::init(std::string(GUICHET_BINARY_DIR) + "/locale");
        REQUIRE(shell->prepareFonts().ok());
        settle();
        REQUIRE(demoCardReader());
    }
    void settle() {
        for (int i = 0; i < 60; ++i) {
            shell->frame();
            if (!shell->wantsFrame()) break;
        }
    }
    // Frames until `text` is visible, letting the card service's worker run.
    bool waitFor(const std::string& text, std::chrono::milliseconds limit = 3000ms) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            settle();
            if (shell->tree().findByText(text)) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
    const a11y::Node* find(const std::string& label) const {
        for (const auto& n : shell->tree().nodes())
            if (n.focusable && n.label.find(label) != std::string::npos) return &n;
        return nullptr;
    }
    void tap(const std::string& label) {
        const a11y::Node* n = find(label);
        // A page taller than the screen is shown in parts: go on to the part that has it.
        for (int part = 0; !n && part < 6; ++part) {
            const a11y::Node* more = find("Voir la suite");
            if (!more) break;
            tap("Voir la suite");
            n = find(label);
        }
        INFO("tap \"" << label << "\" on " << shell->screenId());
        REQUIRE(n);
        if (!n->visible) {
            shell->reveal(n->id);
            settle();
            n = find(label);
            REQUIRE(n);
        }
        now += 400ms;  // past the tap debounce
        InputEvent e;
        e.x = n->rect.x + n->rect.w / 2;
        e.y = n->rect.y + n->rect.h / 2;
        for (auto k : {InputEvent::Kind::PointerMove, InputEvent::Kind::PointerDown, InputEvent::Kind::PointerUp}) {
            e.kind = k;
            shell->input(e);
        }
        settle();
    }
    void openTile(const std::string& tile) {
        if (shell->screenId() == "attract") tap("Touchez l'écran pour commencer");
        tap(tile);
    }
};

}  // namespace

TEST_CASE("card.ui the card step reads the card and leaves the id in the session buffer", "[card][ui]") {
    Rig rig;
    rig.openTile("Test carte");
    REQUIRE(rig.shell->screenId() == "card-step");
    CHECK(rig.shell->tree().findByText("Insérez votre carte dans le lecteur"));
    demoCardReader()->insertCard(emu::cityCardT1());
    REQUIRE(rig.waitFor("Carte lue"));
    // Only the end of the number is on screen.
    CHECK(rig.shell->tree().findByText("Numéro se terminant par 4217"));
    CHECK_FALSE(rig.shell->tree().findByText("CV-75056-004217"));
    rig.tap("Continuer");
    CHECK(rig.shell->screenId() == "home");
    CHECK(rig.shell->session().field("card.numero") == "CV-75056-004217");
}

TEST_CASE("card.ui a foreign card gets a French message and a retry", "[card][ui]") {
    Rig rig;
    auto other = emu::cityCardT1();
    other.aid = *fromHex("A0 00 00 00 42 10 10");
    demoCardReader()->insertCard(other);
    rig.openTile("Test carte");
    REQUIRE(rig.waitFor("Cette carte n’est pas une carte de la ville"));
    const a11y::Node* alert = nullptr;
    for (const auto& n : rig.shell->tree().nodes())
        if (n.role == a11y::Role::Alert) alert = &n;
    REQUIRE(alert);  // announced by speech as an alert
    demoCardReader()->removeCard();
    demoCardReader()->insertCard(emu::cityCardT0());
    rig.tap("Réessayer");
    REQUIRE(rig.waitFor("Carte lue"));
}

TEST_CASE("card.ui 'Je n'ai pas ma carte' cancels the read and says so in the session", "[card][ui]") {
    Rig rig;
    rig.openTile("Test carte");
    rig.tap("Je n'ai pas ma carte");
    CHECK(rig.shell->screenId() == "home");
    CHECK(rig.shell->session().field("card.numero.typed") == "1");
    CHECK(rig.shell->session().field("card.numero").empty());
    // The read was cancelled: a card inserted now is not read behind the resident's back.
    demoCardReader()->insertCard(emu::cityCardT1());
    std::this_thread::sleep_for(300ms);
    rig.settle();
    CHECK(demoCardReader()->powerOnCount() == 0);
}

TEST_CASE("card.ui take the card back: chime until the slot is empty", "[card][ui]") {
    Rig rig;
    demoCardReader()->insertCard(emu::cityCardT1());
    std::this_thread::sleep_for(300ms);  // the service sees the card arrive
    rig.settle();
    TakeBackScreen::chimes = 0;
    rig.openTile("Test reprise");
    REQUIRE(rig.waitFor("Reprenez votre carte"));
    CHECK(TakeBackScreen::chimes == 1);
    CHECK_FALSE(rig.shell->tree().findByText("Merci, démarche terminée"));
    demoCardReader()->removeCard();
    REQUIRE(rig.waitFor("Merci, démarche terminée"));
    CHECK_FALSE(rig.shell->tree().findByText("Reprenez votre carte"));
}

TEST_CASE("card.ui the wizard's card field shows a failed read as an alert with the fix", "[card][ui]") {
    Rig rig;
    auto other = emu::cityCardT1();
    other.aid = *fromHex("A0 00 00 00 42 10 10");
    demoCardReader()->insertCard(other);
    rig.openTile("Payer une facture de cantine ou de périscolaire");
    REQUIRE(rig.shell->screenId() == "wizard");
    rig.tap("La cantine");
    rig.tap("Lire ma carte");
    const std::string message = card::residentMessage(makeError(ErrorCode::Rejected, ""));
    REQUIRE(rig.waitFor(message));
    const a11y::Node* alert = nullptr;
    for (const auto& n : rig.shell->tree().nodes())
        if (n.role == a11y::Role::Alert && n.label == message) alert = &n;
    CHECK(alert);
    // "Je n'ai pas ma carte": typing instead, the stale message goes.
    rig.tap("Je n'ai pas ma carte");
    CHECK_FALSE(rig.shell->tree().findByText(message));
}

TEST_CASE("card.ui the wizard's card field, typed: labelled once, no card instruction, the card can still be read",
          "[card][ui]") {
    Rig rig;
    rig.openTile("Payer une facture de cantine ou de périscolaire");
    REQUIRE(rig.shell->screenId() == "wizard");
    rig.tap("La cantine");
    auto count = [&rig](const std::string& text) {
        int n = 0;
        for (const auto& node : rig.shell->tree().nodes()) n += node.label.find(text) != std::string::npos;
        return n;
    };
    const std::string insert = "Insérez votre carte famille";
    for (int part = 0; part < 4 && !rig.find("Je n'ai pas ma carte"); ++part) rig.tap("Voir la suite");
    CHECK(count(insert) == 1);
    rig.tap("Je n'ai pas ma carte");
    // The typed field is the question: its title once (it was a heading and the field's
    // label, one under the other), and "insert your card" is gone.
    CHECK(count("Votre identifiant famille") == 1);
    CHECK(count(insert) == 0);
    // A resident who finds the card after all reads it in one tap.
    demoCardReader()->insertCard(emu::cityCardT1());
    rig.tap("Lire ma carte");
    CHECK(rig.waitFor("Votre carte a été lue."));
}
