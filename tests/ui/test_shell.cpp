// The real shell, in-process: keypad navigation reaches every screen with no focus trap,
// the idle warning and its extension, modes from the first screen and their reset, the
// reach and large-text layouts, debounce, the on-screen keyboard.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cfloat>
#include <set>

#include <imgui.h>

#include "shell_harness.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

using namespace guichet;
using namespace guichet::ui;
using namespace guichet::ui::test;
using namespace std::chrono;

namespace {

// A screen with the two kinds of fields, as a procedure step would have.
class FormScreen : public Screen {
public:
    std::string id() const override { return "test.form"; }
    std::string title() const override { return "Formulaire"; }
    Intent draw(UiContext& ctx) override {
        PageScope page(ctx, {.title = "Formulaire"});
        textField(ctx, "nom##form", "Nom de naissance", ctx.session.field("form.nom"));
        textField(ctx, "cp##form", "Code postal", ctx.session.field("form.cp"), FieldKind::Number, {}, 5);
        return page.finish();
    }
};
GUICHET_SCREEN("test.form", [](UiContext&, const std::string&) { return std::make_unique<FormScreen>(); });

std::vector<std::string> focusableIds(const Harness& h) {
    std::vector<std::string> ids;
    for (const auto* n : h.shell.tree().focusable()) ids.push_back(n->id);
    return ids;
}

std::string focusedId(const Harness& h) {
    const auto* f = h.shell.tree().focused();
    return f ? f->id : std::string();
}

// Tab visits every control exactly once and comes back (no trap); arrows always move.
void checkFocusCycle(Harness& h) {
    INFO("screen " << h.shell.screenId());
    auto ids = focusableIds(h);
    REQUIRE_FALSE(ids.empty());
    if (focusedId(h).empty()) h.key(Key::Tab);
    std::string start = focusedId(h);
    REQUIRE_FALSE(start.empty());
    std::vector<std::string> order;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        order.push_back(focusedId(h));
        h.key(Key::Tab);
    }
    CHECK(focusedId(h) == start);
    std::set<std::string> seen(order.begin(), order.end()), all(ids.begin(), ids.end());
    CHECK(seen == all);
    CHECK(order.size() == seen.size());
    if (ids.size() > 1) {
        for (Key k : {Key::Down, Key::Right, Key::Up, Key::Left}) {
            std::string before = focusedId(h);
            h.key(k);
            CHECK(focusedId(h) != before);
        }
    }
    CHECK(h.shell.focus().ringVisible());
}

// Tab until the focused control's label contains `label`, then Enter.
void activateByKeypad(Harness& h, const std::string& label) {
    INFO("reach \"" << label << "\" on " << h.shell.screenId());
    for (std::size_t i = 0; i <= focusableIds(h).size() + 1; ++i) {
        if (h.focused().find(label) != std::string::npos) {
            h.key(Key::Enter);
            return;
        }
        h.key(Key::Tab);
    }
    FAIL("not reachable by Tab");
}

}  // namespace

TEST_CASE("ui.keypad alone reaches every screen, focus visits every control and never traps", "[ui]") {
    Harness h;
    CHECK(h.shell.screenId() == "attract");
    h.key(Key::Enter);  // any key starts
    REQUIRE(h.shell.screenId() == "home");
    checkFocusCycle(h);
    activateByKeypad(h, "Accessibilité");
    REQUIRE(h.shell.screenId() == "accessibility");
    checkFocusCycle(h);
    activateByKeypad(h, "Contraste élevé");
    CHECK(h.shell.session().settings().highContrast);
    h.key(Key::Back);
    REQUIRE(h.shell.screenId() == "home");
    CHECK(h.shell.session().settings().highContrast);  // kept for the session
    // The first tile (a sample démarche, or the catalogue's wizard once linked in).
    h.key(Key::Tab);
    while (h.shell.tree().focused() && h.shell.tree().focused()->id.find("##tile-") == std::string::npos) h.key(Key::Tab);
    h.key(Key::Enter);
    REQUIRE(h.shell.screenId() != "home");
    checkFocusCycle(h);
    h.shell.navigate(Intent::home());
    h.settle();
    // Information pages come from a tile that depends on the providers: open it directly.
    h.shell.navigate(Intent::push("information"));
    h.settle();
    REQUIRE(h.shell.screenId() == "information");
    checkFocusCycle(h);
    activateByKeypad(h, "Horaires");
    REQUIRE(h.shell.screenId() == "information.page");
    checkFocusCycle(h);
    h.key(Key::Help);
    CHECK(h.shell.tree().findByText("Aide"));
    checkFocusCycle(h);
    h.key(Key::Back);  // closes the help
    CHECK(h.shell.screenId() == "information.page");
    activateByKeypad(h, "Accueil");
    REQUIRE(h.shell.screenId() == "home");
    h.shell.navigate(Intent::push("unavailable", "Suivre ma demande"));
    h.settle();
    REQUIRE(h.shell.screenId() == "unavailable");
    checkFocusCycle(h);
    h.key(Key::Back);
    // The language screen (shown when the chips do not fit: very large text, portrait).
    h.shell.applyMode("large-text-200");
    h.shell.setDisplaySize(1080, 1920);
    h.settle();
    activateByKeypad(h, "Langue");
    REQUIRE(h.shell.screenId() == "language");
    checkFocusCycle(h);
    activateByKeypad(h, "English");
    CHECK(h.shell.session().language() == "en");
    // The idle warning overlay: its two buttons only.
    h.advance(minutes(10));
    REQUIRE(h.shell.screenId() == "idle-warning");
    CHECK(focusableIds(h).size() == 2);
    checkFocusCycle(h);
    // The session chose English above: the overlay speaks it too.
    CHECK(h.shell.tree().findByText("Oui, continuer") == nullptr);
    activateByKeypad(h, "Yes, continue");
    CHECK(h.shell.session().phase() == Session::Phase::Active);
}

TEST_CASE("ui.on-screen keyboard is keypad-navigable and closes with Back", "[ui]") {
    Harness h;
    h.key(Key::Enter);
    h.shell.navigate(Intent::push("test.form"));
    h.settle();
    activateByKeypad(h, "Nom de naissance");
    REQUIRE(h.shell.keyboard().isOpen());
    checkFocusCycle(h);
    activateByKeypad(h, "é");
    CHECK(*h.shell.session().findField("form.nom") == "é");
    h.key(Key::Back);
    CHECK_FALSE(h.shell.keyboard().isOpen());
    CHECK(h.shell.screenId() == "test.form");
}

TEST_CASE("ui.keypad: the keyboard opens on Valider, so Enter after typing validates instead of typing a key", "[ui]") {
    // The keyboard is drawn from the frame after it opens: a focus set on its "Valider"
    // too early was dropped for the first key, and Enter then typed "1" ("Dupont1").
    Harness h;
    h.key(Key::Enter);
    h.shell.navigate(Intent::push("test.form"));
    h.settle();
    activateByKeypad(h, "Nom de naissance");
    REQUIRE(h.shell.keyboard().isOpen());
    CHECK(h.shell.focus().focusedId() == "key:enter");
    h.text("Dupont");
    h.key(Key::Enter);
    CHECK_FALSE(h.shell.keyboard().isOpen());
    CHECK(*h.shell.session().findField("form.nom") == "Dupont");
}

TEST_CASE("ui.on-screen keyboard types accents, capitals, and digits only in numeric fields", "[ui]") {
    Harness h;
    h.tap("Touchez l'écran pour commencer");
    h.shell.navigate(Intent::push("test.form"));
    h.settle();
    h.tap("Nom de naissance");
    REQUIRE(h.shell.keyboard().isOpen());
    h.tap("Majuscule");
    h.tap("L");  // capital after Majuscule, then back to lower case
    h.tap("é");
    h.tap("a");
    h.tap("Espace");
    h.tap("œ");
    h.tap("Effacer");
    h.text("Dupré");
    CHECK(*h.shell.session().findField("form.nom") == "Léa Dupré");
    h.tap("Valider");
    CHECK_FALSE(h.shell.keyboard().isOpen());
    CHECK(h.shell.tree().findByText("Léa Dupré"));
    h.tap("Code postal");
    REQUIRE(h.shell.keyboard().isOpen());
    for (const auto& n : h.shell.tree().nodes()) CHECK(n.label != "a");  // the numeric pad has no letters
    h.tap("7");
    h.text("5ab0");
    h.key(Key::Digit1);
    h.key(Key::Digit2);
    h.key(Key::Digit3);  // beyond the 5-digit limit: ignored
    CHECK(*h.shell.session().findField("form.cp") == "75012");
}

TEST_CASE("ui.idle warning counts down, extends repeatedly, then ends and wipes", "[ui]") {
    Harness h;
    h.tap("Touchez l'écran pour commencer");
    REQUIRE(h.shell.screenId() == "home");
    for (int round = 0; round < 3; ++round) {
        h.advance(seconds(59));
        CHECK(h.shell.screenId() == "home");
        h.advance(seconds(2));
        REQUIRE(h.shell.screenId() == "idle-warning");
        CHECK(h.shell.tree().findByText("Besoin de plus de temps"));
        CHECK(h.shell.tree().findByText("30 secondes"));
        h.advance(seconds(10));
        CHECK(h.shell.tree().findByText("20 secondes"));
        CHECK(h.shell.warningJustStarted());  // the host plays its sound once per warning
        CHECK_FALSE(h.shell.warningJustStarted());
        // A touch beside the button does not dismiss the question.
        h.tapAt(5, 5);
        CHECK(h.shell.screenId() == "idle-warning");
        h.tap("Oui, continuer");
        CHECK(h.shell.screenId() == "home");
    }
    h.shell.navigate(Intent::push("test.form"));
    h.settle();
    h.tap("Nom de naissance");
    h.text("Martin");
    h.advance(seconds(61));
    CHECK_FALSE(h.shell.keyboard().isOpen());  // the question comes first
    h.advance(seconds(31));
    CHECK(h.shell.screenId() == "attract");
    CHECK(h.shell.session().findField("form.nom") == nullptr);
    CHECK_FALSE(h.shell.tree().findByText("Martin"));
    CHECK(h.shell.session().sessionsEnded() == 1);
}

TEST_CASE("ui.timeouts are longer in accessibility modes", "[ui]") {
    Harness h;
    h.tap("Touchez l'écran pour commencer");
    h.shell.applyMode("large-text");
    h.advance(seconds(61));
    CHECK(h.shell.screenId() == "home");
    h.advance(seconds(60));
    CHECK(h.shell.screenId() == "idle-warning");
    CHECK(h.shell.tree().findByText("60 secondes"));
}

TEST_CASE("ui.accessibility is one touch from the attract screen, and every setting resets at the end", "[ui]") {
    Harness h;
    REQUIRE(h.shell.screenId() == "attract");
    h.tap("Accessibilité");
    REQUIRE(h.shell.screenId() == "accessibility");
    h.tap("Très grand");
    h.tap("Contraste élevé");
    h.tap("Police adaptée à la dyslexie");
    h.settle();
    CHECK(h.shell.context().fonts.textScale == 2.0f);
    CHECK(h.shell.context().fonts.choice == FontChoice::Dyslexia);
    CHECK(h.shell.context().colors().name == "high-contrast");
    h.tap("C'est bon");
    CHECK(h.shell.screenId() == "home");  // back lands on home, not on the attract screen
    h.shell.setLanguage("it");
    h.advance(hours(1));  // idle: the warning
    h.advance(hours(1));  // unanswered: the end
    CHECK(h.shell.screenId() == "attract");
    CHECK(h.shell.session().settings() == AccessibilitySettings{});
    CHECK(h.shell.session().language() == "fr");
    CHECK(h.shell.context().fonts.textScale == 1.0f);
    CHECK(h.shell.context().fonts.choice == FontChoice::Sans);
    CHECK(h.shell.context().colors().name == "standard");
    CHECK(i18n::language() == "fr");
}

TEST_CASE("ui.reach layout keeps every control in the lower part of a portrait screen", "[ui]") {
    Harness h(testConfig(), 1080, 1920);
    h.tap("Touchez l'écran pour commencer");
    h.shell.applyMode("reach");
    for (const char* screen : {"home", "accessibility", "information", "unavailable"}) {
        if (std::string(screen) != "home") h.shell.navigate(Intent::push(screen, "Test"));
        h.settle();
        INFO(screen);
        for (const auto* n : h.shell.tree().focusable()) {
            if (!n->visible) continue;
            INFO(n->label);
            CHECK(n->rect.y >= 0.40f * 1920 - 1);
        }
        h.shell.navigate(Intent::home());
    }
}

TEST_CASE("ui.text at 200 % needs no horizontal scrolling in either orientation", "[ui]") {
    for (auto [w, hgt] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        Harness h(testConfig(), w, hgt);
        h.tap("Touchez l'écran pour commencer");
        h.shell.applyMode("large-text-200");
        for (const char* screen : {"home", "accessibility", "information", "information.page"}) {
            if (std::string(screen) != "home") h.shell.navigate(Intent::push(screen, "0"));
            h.settle();
            for (const auto& n : h.shell.tree().nodes()) {
                INFO(w << "x" << hgt << " " << screen << ": " << n.label);
                CHECK(n.rect.x >= 0);
                CHECK(n.rect.x + n.rect.w <= w + 0.5f);
            }
            h.shell.navigate(Intent::home());
        }
    }
}

TEST_CASE("ui.taps closer than the debounce count once (A16)", "[ui]") {
    Harness h;
    h.tap("Touchez l'écran pour commencer");
    h.shell.navigate(Intent::push("accessibility"));
    h.settle();
    const auto* n = h.find("Contraste élevé");
    REQUIRE(n);
    float x = n->rect.x + n->rect.w / 2, y = n->rect.y + n->rect.h / 2;
    h.tapAt(x, y);
    CHECK(h.shell.session().settings().highContrast);
    // A bounce 100 ms later: ignored.
    h.now += milliseconds(100);
    InputEvent e;
    e.x = x;
    e.y = y;
    e.kind = InputEvent::Kind::PointerDown;
    h.shell.input(e);
    e.kind = InputEvent::Kind::PointerUp;
    h.shell.input(e);
    h.settle();
    CHECK(h.shell.session().settings().highContrast);
    h.tapAt(x, y);  // a real second tap, later
    CHECK_FALSE(h.shell.session().settings().highContrast);
}

TEST_CASE("ui.language chips switch the interface language", "[ui]") {
    Harness h;
    h.tap("Touchez l'écran pour commencer");
    h.tap("English");
    CHECK(h.shell.session().language() == "en");
    CHECK(h.shell.tree().findByText("Accessibility"));
    h.tap("Español");
    CHECK(h.shell.tree().findByText("Accesibilidad"));
    h.tap("Français");
    CHECK(h.shell.tree().findByText("Accessibilité"));
}

TEST_CASE("ui.with speech on, a first touch explores and a second one activates (A14)", "[ui]") {
    Harness h;
    h.tap("Touchez l'écran pour commencer");
    h.shell.session().settings().speech = true;
    h.settle();
    h.tap("Accessibilité");
    CHECK(h.shell.screenId() == "home");
    CHECK(h.focused() == "Accessibilité");
    h.tap("Accessibilité");
    CHECK(h.shell.screenId() == "accessibility");
}

TEST_CASE("ui.an intent naming no registered screen keeps the current one", "[ui]") {
    Harness h;
    h.tap("Touchez l'écran pour commencer");
    h.shell.navigate(Intent::push("no-such-screen"));
    h.settle();
    CHECK(h.shell.screenId() == "home");
    h.shell.navigate(Intent::back());  // back on the root: stays
    h.settle();
    CHECK(h.shell.screenId() == "home");
}

TEST_CASE("ui.registries list what other areas plug in", "[ui]") {
    auto screens = registeredScreens();
    for (const char* id : {"attract", "home", "accessibility", "language", "information", "information.page",
                           "unavailable", "shell.sample-form"})
        CHECK(std::find(screens.begin(), screens.end(), id) != screens.end());
    auto modes = registeredModes();
    for (const char* m : {"standard", "large-text", "large-text-200", "high-contrast", "reach", "dyslexia", "literacy"})
        CHECK(std::find(modes.begin(), modes.end(), m) != modes.end());
    Harness h;
    auto tiles = collectHomeTiles(h.shell.context());
    REQUIRE_FALSE(tiles.empty());  // the sample démarches, or the catalogue's once it is linked in
    for (const auto& t : tiles) {
        CHECK_FALSE(t.title.empty());
        CHECK_FALSE(t.icon.empty());
        CHECK(static_cast<bool>(t.open));
    }
}

// Issue 14 (seen in the real window at 200 % portrait): "Voir la suite" wrapped onto two
// lines in a part button sized to 30 % of the column. The arrows are as wide as their label.
TEST_CASE("ui.part buttons show their label on one line at 200 %, in both orientations", "[ui]") {
    for (auto [w, hgt] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        Harness h(testConfig(), w, hgt);
        h.tap("Touchez l'écran pour commencer");
        h.shell.applyMode("large-text-200");
        h.shell.navigate(Intent::push("accessibility"));
        h.settle();
        const auto* more = h.find("Voir la suite");
        INFO(w << "x" << hgt);
        REQUIRE(more);  // the accessibility screen is in parts at 200 %
        ImFont* bold = h.shell.context().fonts.bold;
        const float label = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "Voir la suite").x;
        CHECK(more->rect.w >= label + 2 * h.shell.context().px(28));
        CHECK(more->rect.x + more->rect.w <= w + 0.5f);
        const a11y::Node* counter = nullptr;
        for (const auto& n : h.shell.tree().nodes())
            if (n.id == "subpage") counter = &n;
        REQUIRE(counter);  // "Partie 1 sur 2": beside the arrows, or above them, never under them
        const bool apart = counter->rect.x + counter->rect.w <= more->rect.x || counter->rect.y + counter->rect.h <= more->rect.y;
        CHECK(apart);
    }
}

TEST_CASE("ui.a drag follows the finger to where it lifts, its last move arriving with the lift", "[ui]") {
    // A quick flick on a busy terminal: the finger's last move and its lift reach the same
    // frame. The page once stopped where the previous frame had left it (half the drag).
    Harness h;
    h.tap("Touchez l'écran pour commencer");
    h.shell.applyMode("large-text-200");  // the language list scrolls at 200 % in landscape
    h.settle();
    h.tap("Langue");
    REQUIRE(h.shell.screenId() == "language");
    const auto& page = h.shell.context().page;
    REQUIRE(page.scrollMaxY > 200);
    const float x = 1920 * 0.4f, y = page.bodyBottom - 80;
    auto pointer = [&](InputEvent::Kind kind, float py) {
        InputEvent e;
        e.kind = kind;
        e.x = x;
        e.y = py;
        h.shell.input(e);
    };
    h.now += milliseconds(400);
    pointer(InputEvent::Kind::PointerMove, y);
    pointer(InputEvent::Kind::PointerDown, y);
    h.settle();
    pointer(InputEvent::Kind::PointerMove, y - 60);  // past the drag threshold: the page follows
    h.settle();
    const float midway = page.scrollY;
    CHECK(midway == Approx(60).margin(1));
    pointer(InputEvent::Kind::PointerMove, y - 200);  // the last move and the lift, one frame
    pointer(InputEvent::Kind::PointerUp, y - 200);
    h.settle();
    CHECK(page.scrollY == Approx(200).margin(1));
    CHECK(h.shell.screenId() == "language");  // a drag presses nothing
}

TEST_CASE("ui.a header grown tall by a long title at 200 % in portrait holds all its text", "[ui]") {
    // Only the reach layout centres the title under a big logo. A header tall from its own
    // text took that layout too, and its subtitle's last line fell under the header's edge.
    setenv("GUICHET_CATALOGUE", (std::string(GUICHET_SOURCE_DIR) + "/config/procedures").c_str(), 1);
    Harness h(testConfig(), 1080, 1920);
    h.tap("Touchez l'écran pour commencer");
    h.shell.applyMode("large-text-200");
    h.shell.navigate(Intent::push("wizard", "paiement-facture"));
    h.settle();
    REQUIRE(h.shell.screenId() == "wizard");
    const auto& page = h.shell.context().page;
    const a11y::Node* title = nullptr;
    for (const auto& n : h.shell.tree().nodes())
        if (n.id == "page:title") title = &n;
    REQUIRE(title);
    CHECK(title->label == "Payer une facture de cantine ou de périscolaire");
    CHECK(page.bodyTop > 400);  // the header did grow with its text
    CHECK(title->rect.y + title->rect.h <= page.bodyTop);
}
