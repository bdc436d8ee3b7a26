// The nine démarches a town hall offers, as placeholders until the procedures catalogue
// registers its own HomeTileProvider: a fallback provider, silently replaced then.
#include "kiosk/i18n/i18n.hpp"
#include "ui/core/screen.hpp"

namespace guichet::ui {
namespace {

class SampleTiles : public HomeTileProvider {
public:
    bool fallback() const override { return true; }
    std::vector<HomeTile> tiles(UiContext&) override {
        struct T { const char* id; const char* title; const char* icon; };
        static const T list[] = {
            {"acte-naissance", N_("Demander un acte de naissance"), "document"},
            {"acte-mariage", N_("Demander un acte de mariage"), "rings"},
            {"rendez-vous", N_("Prendre rendez-vous (carte d'identité, passeport)"), "calendar"},
            {"paiement", N_("Payer une facture (cantine, périscolaire)"), "euro"},
            {"signalement", N_("Signaler un problème dans la rue"), "alert"},
            {"listes-electorales", N_("S'inscrire sur les listes électorales"), "ballot"},
            {"acte-deces", N_("Demander un acte de décès"), "document"},
            {"avis", N_("Donner mon avis sur un projet de la commune"), "bubble"},
            {"suivi", N_("Suivre ma demande"), "search"},
        };
        std::vector<HomeTile> out;
        int order = 0;
        for (const auto& t : list) {
            std::string title = _(t.title);
            out.push_back({t.id, title, t.icon, Intent::push("unavailable", title), order++});
        }
        return out;
    }
};

}  // namespace

GUICHET_HOME_TILES(SampleTiles);

}  // namespace guichet::ui
