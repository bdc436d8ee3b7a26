// Kiosk pages fit the screen (issue 14): long pages are cut into sub-pages, a question's
// title stays with its answers, and a word is never broken across two lines.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "shell_harness.hpp"
#include "ui/core/fonts.hpp"
#include "ui/core/widgets.hpp"
#include "ui/core/paged_body.hpp"

using namespace guichet;
using namespace guichet::ui;
using guichet::ui::Block;
using guichet::ui::paginate;

namespace {
struct ImGuiScope {
    ImGuiScope() { ImGui::CreateContext(); }
    ~ImGuiScope() { ImGui::DestroyContext(); }
};
Block block(bool header, int group) { return Block{[] {}, header, group}; }
}  // namespace

TEST_CASE("ui.pages everything that fits stays on one page", "[ui][pages]") {
    std::vector<Block> b{block(true, 0), block(false, 0), block(false, 0)};
    auto pages = paginate({100, 100, 100}, b, 400);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].blocks == std::vector<int>{0, 1, 2});
}

TEST_CASE("ui.pages a long list goes on, its question repeated on top", "[ui][pages]") {
    // A question (header) and 7 answers of 100 px in 350 px: 3 answers a sub-page after
    // the first, whose title takes a place.
    std::vector<Block> b{block(true, 0)};
    std::vector<float> h{50};
    for (int i = 0; i < 7; ++i) {
        b.push_back(block(false, 0));
        h.push_back(100);
    }
    auto pages = paginate(h, b, 350);
    REQUIRE(pages.size() == 3);
    CHECK(pages[0].blocks == std::vector<int>{0, 1, 2, 3});
    CHECK(pages[1].blocks == std::vector<int>{0, 4, 5, 6});
    CHECK(pages[2].blocks == std::vector<int>{0, 7});
}

TEST_CASE("ui.pages a question title is never left alone at the bottom", "[ui][pages]") {
    // Text field (group 0), then a yes/no question (group 1) whose title fits but not its
    // first answer: the title moves to the next sub-page with its answers.
    std::vector<Block> b{block(false, 0), block(true, 1), block(false, 1), block(false, 1)};
    auto pages = paginate({250, 60, 100, 100}, b, 350);
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].blocks == std::vector<int>{0});
    CHECK(pages[1].blocks == std::vector<int>{1, 2, 3});
}

TEST_CASE("ui.pages a block taller than the screen gets a sub-page of its own", "[ui][pages]") {
    std::vector<Block> b{block(false, 0), block(false, 1), block(false, 2)};
    auto pages = paginate({100, 900, 100}, b, 400);
    REQUIRE(pages.size() == 3);
    CHECK(pages[1].blocks == std::vector<int>{1});
}

TEST_CASE("ui.pages a word is never broken across lines", "[ui][pages]") {
    ImGuiScope scope;
    ImGuiIO& io = ImGui::GetIO();
    auto set = buildFonts(*io.Fonts, FontChoice::Sans, 1.0f, 2.0f);  // 200 %
    REQUIRE(set.ok());
    ImFont* bold = set->bold;
    const char* word = "Accessibilité";
    float wordW = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, word).x;
    // A footer button narrower than the word at 200 %: before, "Accessibili" / "té".
    ImVec2 s = measureWrappedText(bold, wordW * 0.8f, word);
    CHECK(s.y <= bold->FontSize);              // one line…
    CHECK(wordFitScale(bold, wordW * 0.8f, word) < 1.0f);  // …drawn a little smaller
    // Words that fit wrap whole, at full size.
    ImVec2 two = measureWrappedText(bold, wordW * 1.2f, "Retour Accessibilité");
    CHECK(two.y == Approx(2 * bold->FontSize));
    CHECK(wordFitScale(bold, wordW * 1.2f, "Retour Accessibilité") == 1.0f);

    // Drawn in a frame: the layout audit hears of no broken word.
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.f / 60.f;
    io.IniFilename = nullptr;
    ImGui::NewFrame();
    ImGui::Begin("t");
    brokenWordsThisFrame().clear();
    drawWrappedText(ImGui::GetWindowDrawList(), bold, ImVec2(0, 0), wordW * 0.8f, 0xFFFFFFFF, word, false);
    CHECK(brokenWordsThisFrame().empty());
    // Below 50 % there is no honest way: the audit names the word.
    drawWrappedText(ImGui::GetWindowDrawList(), bold, ImVec2(0, 0), wordW * 0.3f, 0xFFFFFFFF, word, false);
    auto broken = brokenWordsThisFrame();
    REQUIRE(broken.size() >= 1);
    std::string cut = broken[0].word;
    REQUIRE(cut.find('/') != std::string::npos);
    CHECK(cut.erase(cut.find('/'), 1) == "Accessibilité");
    ImGui::End();
    ImGui::EndFrame();
}

// A date is typed on the keypad as 8 digits; "11" must give two 1s even when typed fast
// (issue 14: the 300 ms debounce ate real repeated digits).
TEST_CASE("ui.pages a repeated digit typed fast on the keypad is two digits", "[ui][pages]") {
    guichet::ui::test::Harness h;
    h.tap("Touchez l'écran pour commencer");
    std::string buffer;
    buffer.reserve(64);
    h.shell.keyboard().open("date##test", "Date", buffer, FieldKind::Number, 8);
    h.settle();
    auto press = [&](Key k, int afterMs) {
        h.now += std::chrono::milliseconds(afterMs);
        InputEvent e;
        e.kind = InputEvent::Kind::KeyDown;
        e.key = k;
        h.shell.input(e);
        h.settle();
    };
    press(Key::Digit1, 400);
    press(Key::Digit1, 150);  // a second press, well within the 300 ms debounce
    press(Key::Digit0, 150);
    press(Key::Digit0, 10);   // a contact bounce: one 0 only
    CHECK(buffer == "110");
    h.shell.keyboard().close();
}
