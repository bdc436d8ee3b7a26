#include <algorithm>
#include <map>

#include "ui/core/screen.hpp"

namespace guichet::ui {

namespace {
// Function-local statics: registration runs during static initialisation, in any order.
std::map<std::string, ScreenFactory>& screens() {
    static std::map<std::string, ScreenFactory> m;
    return m;
}
std::vector<std::function<std::unique_ptr<HomeTileProvider>()>>& tileFactories() {
    static std::vector<std::function<std::unique_ptr<HomeTileProvider>()>> v;
    return v;
}
std::vector<std::function<std::unique_ptr<UiExtension>()>>& extensionFactories() {
    static std::vector<std::function<std::unique_ptr<UiExtension>()>> v;
    return v;
}
std::map<std::string, ModeFn>& modes() {
    static std::map<std::string, ModeFn> m;
    return m;
}
}  // namespace

bool registerScreen(const std::string& id, ScreenFactory factory) {
    screens()[id] = std::move(factory);
    return true;
}

const ScreenFactory* findScreen(const std::string& id) {
    auto it = screens().find(id);
    return it == screens().end() ? nullptr : &it->second;
}

std::vector<std::string> registeredScreens() {
    std::vector<std::string> ids;
    for (const auto& [id, f] : screens()) ids.push_back(id);
    return ids;
}

bool registerHomeTileProvider(std::function<std::unique_ptr<HomeTileProvider>()> factory) {
    tileFactories().push_back(std::move(factory));
    return true;
}

std::vector<HomeTile> collectHomeTiles(UiContext& ctx) {
    std::vector<std::unique_ptr<HomeTileProvider>> regular, fallbacks;
    for (auto& f : tileFactories()) {
        auto p = f();
        (p->fallback() ? fallbacks : regular).push_back(std::move(p));
    }
    auto& use = regular.empty() ? fallbacks : regular;
    std::vector<HomeTile> tiles;
    for (auto& p : use)
        for (auto& t : p->tiles(ctx)) tiles.push_back(std::move(t));
    std::stable_sort(tiles.begin(), tiles.end(), [](const HomeTile& a, const HomeTile& b) { return a.order < b.order; });
    return tiles;
}

bool registerUiExtension(std::function<std::unique_ptr<UiExtension>()> factory) {
    extensionFactories().push_back(std::move(factory));
    return true;
}

std::vector<std::unique_ptr<UiExtension>> createUiExtensions() {
    std::vector<std::unique_ptr<UiExtension>> out;
    for (auto& f : extensionFactories()) out.push_back(f());
    return out;
}

bool registerMode(const std::string& name, ModeFn fn) {
    modes()[name] = std::move(fn);
    return true;
}

const ModeFn* findMode(const std::string& name) {
    auto it = modes().find(name);
    return it == modes().end() ? nullptr : &it->second;
}

std::vector<std::string> registeredModes() {
    std::vector<std::string> out;
    for (const auto& [n, f] : modes()) out.push_back(n);
    return out;
}

}  // namespace guichet::ui
