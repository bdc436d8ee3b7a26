// At session end every value the resident entered is overwritten, not just dropped: this
// binary watches every heap block the program releases (free, realloc) and fails if one
// still holds what was typed; then it checks that nothing alive holds it either. The whole
// démarche (devices, speech) is tested on the real terminal by tests/wipe.
#include <catch2/catch.hpp>

#include <execinfo.h>
#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "drivers/common/bytes.hpp"
#include "shell_harness.hpp"
#include "ui/core/page.hpp"
#include "ui/core/widgets.hpp"

namespace {

std::atomic<bool> g_armed{false};
std::atomic<int> g_leaks{0};
// What the resident types; the watch looks for a distinctive part of it.
constexpr const char* kTyped = "Zoé Marchetti-Ollivier";
constexpr const char* kNeedle = "Marchetti";

void inspect(void* p) {
    if (!p || !g_armed.load(std::memory_order_relaxed)) return;
    std::size_t n = malloc_usable_size(p);
    if (memmem(p, n, kNeedle, std::strlen(kNeedle))) {
        g_leaks.fetch_add(1);
        if (std::getenv("WIPE_TRACE")) {  // where the unwiped copy was released
            g_armed = false;
            void* frames[24];
            int depth = backtrace(frames, 24);
            backtrace_symbols_fd(frames, depth, 2);
            write(2, "----\n", 5);
            g_armed = true;
        }
    }
}

}  // namespace

// Every release of this test binary goes through here: free() (and so operator delete, which
// ends in free), and realloc() when the block moves (glibc would leave the old contents in
// the chunk it releases).
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void __libc_free(void*);

void* malloc(std::size_t n) noexcept { return __libc_malloc(n); }
void* calloc(std::size_t c, std::size_t n) noexcept { return __libc_calloc(c, n); }
void free(void* p) noexcept {
    inspect(p);
    __libc_free(p);
}
void* realloc(void* p, std::size_t n) noexcept {
    if (!p) return __libc_malloc(n);
    if (n == 0) { free(p); return nullptr; }
    std::size_t have = malloc_usable_size(p);
    if (n <= have) return p;
    void* q = __libc_malloc(n);
    if (!q) return nullptr;
    std::memcpy(q, p, have);
    inspect(p);
    __libc_free(p);
    return q;
}
}

using namespace guichet;
using namespace guichet::ui;
using namespace guichet::ui::test;

namespace {
class WipeForm : public Screen {
public:
    std::string id() const override { return "test.wipe"; }
    std::string title() const override { return "Formulaire"; }
    Intent draw(UiContext& ctx) override {
        PageScope page(ctx, {.title = "Formulaire"});
        textField(ctx, "nom##wipe", "Nom", ctx.session.field("wipe.nom"));
        return page.finish();
    }
};
GUICHET_SCREEN("test.wipe", [](UiContext&, const std::string&) { return std::make_unique<WipeForm>(); });
}  // namespace

TEST_CASE("session.wipe leaves no trace of what the resident typed, freed or alive", "[session]") {
    Harness h;
    h.tap("Touchez l'écran pour commencer");
    h.shell.navigate(Intent::push("test.wipe"));
    h.settle();
    std::string rest = std::string(kTyped).substr(4);  // the test's own copy, wiped below
    g_leaks = 0;
    g_armed = true;
    h.tap("Nom");
    REQUIRE(h.shell.keyboard().isOpen());
    // Part with the on-screen keys, part with text input: both real input paths.
    h.tap("Majuscule");
    h.tap("Z");
    h.tap("o");
    h.tap("é");
    h.text(rest);
    secureWipe(rest);
    REQUIRE(*h.shell.session().findField("wipe.nom") == kTyped);
    h.tap("Valider");
    REQUIRE(h.shell.tree().findByText(kTyped));  // shown in the field and declared to the tree
    // Many frames while the value is on screen: each rebuilds the tree's copies.
    for (int i = 0; i < 20; ++i) h.shell.frame();
    const std::string* buffer = h.shell.session().findField("wipe.nom");
    REQUIRE(buffer);
    h.advance(std::chrono::hours(1));  // idle: the warning
    h.advance(std::chrono::hours(1));  // nobody answers it: the session ends
    REQUIRE(h.shell.screenId() == "attract");
    for (int i = 0; i < 5; ++i) h.shell.frame();
    g_armed = false;
    CHECK(g_leaks.load() == 0);
    CHECK(h.shell.session().findField("wipe.nom") == nullptr);
    CHECK_FALSE(h.shell.tree().findByText("Marchetti"));
}

TEST_CASE("session.the watch does catch a value released without wiping", "[session]") {
    // The detector itself: a C copy released with its contents must be seen.
    g_leaks = 0;
    g_armed = true;
    char* careless = strdup("nom: Zoé Marchetti-Ollivier (copie)");
    asm volatile("" : : "r"(careless) : "memory");
    std::free(careless);
    g_armed = false;
    CHECK(g_leaks.load() == 1);
}

TEST_CASE("session.a C++ string released is overwritten by the wiping heap", "[session]") {
    // drivers/common/wiping_heap.cpp: operator delete wipes before free, whoever made the copy.
    g_leaks = 0;
    g_armed = true;
    {
        std::string copy = std::string("nom: ") + kTyped + " (copie)";
        std::vector<std::string> more(3, copy);
        asm volatile("" : : "r"(more.data()) : "memory");
    }
    g_armed = false;
    CHECK(g_leaks.load() == 0);
}
