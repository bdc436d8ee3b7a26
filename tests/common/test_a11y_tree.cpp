#include <catch2/catch.hpp>

#include "kiosk/a11y/a11y_tree.hpp"

using namespace guichet::a11y;

TEST_CASE("a11y.tree numbers focusable nodes and finds by text", "[a11y]") {
    Tree t;
    t.beginFrame("home", "Bienvenue", "Choisissez une démarche");
    t.add({.id = "t", .role = Role::Heading, .label = "Bienvenue"});
    t.add({.id = "a", .role = Role::Button, .label = "Acte de naissance", .focusable = true});
    t.add({.id = "b", .role = Role::Button, .label = "Signaler un problème", .focusable = true, .focused = true});
    t.endFrame();
    auto f = t.focusable();
    REQUIRE(f.size() == 2);
    CHECK(f[0]->positionInSet == 1);
    CHECK(f[1]->positionInSet == 2);
    CHECK(f[1]->setSize == 2);
    REQUIRE(t.focused());
    CHECK(t.focused()->id == "b");
    REQUIRE(t.findByText("naissance"));
    CHECK(t.findByText("naissance")->id == "a");
    CHECK(t.findByText("inexistant") == nullptr);
    CHECK(std::string(roleSpokenFr(Role::Button)) == "Bouton");
}

TEST_CASE("a11y.tree never matches masked values and wipes everything", "[a11y]") {
    Tree t;
    t.beginFrame("pin", "Code", "");
    t.add({.id = "pin", .role = Role::TextField, .label = "Code secret", .value = "1234", .focusable = true, .masked = true});
    t.endFrame();
    CHECK(t.findByText("1234") == nullptr);
    t.wipe();
    CHECK(t.nodes().empty());
    CHECK(t.title().empty());
}
