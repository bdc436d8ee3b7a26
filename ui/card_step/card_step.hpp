// The card step a wizard page embeds for a card field ("Identifiez-vous avec votre carte"):
// says how to insert or present the card, reads it through ctx.services.cardReader, shows
// progress and plain-French failures with a retry, and offers "Je n'ai pas ma carte". The
// identifier is handed over once (takeIdentifier) and not kept; the wizard wipes its copy
// with the session. TakeCardBackPanel is the end of the procedure: "Reprenez votre carte".
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "kiosk/card/take_card_back.hpp"
#include "ui/core/ui_context.hpp"

namespace guichet::ui {

class CardStepPanel {
public:
    enum class Outcome { None, Identified, TypeInstead };

    // `idSuffix` keeps widget ids stable and unique ("identifiant_famille").
    CardStepPanel(std::string idSuffix, std::string fallbackLabel = {});
    ~CardStepPanel();  // cancels a read in flight; a late result is wiped, never delivered
    CardStepPanel(const CardStepPanel&) = delete;
    CardStepPanel& operator=(const CardStepPanel&) = delete;

    // Draws in the page body. Starts the read on first draw (and on "Réessayer").
    Outcome draw(UiContext& ctx);
    // The identifier after Outcome::Identified, once (moved out; then empty: the panel
    // keeps only the last four characters it shows).
    std::string takeIdentifier();
    bool hasIdentifier() const;
    // The resident left the step: a read still waiting for a card is cancelled.
    void cancel();

private:
    struct Shared;
    void start(UiContext& ctx);
    std::string suffix_, fallbackLabel_;
    std::shared_ptr<Shared> shared_;
    CardReaderService* reader_ = nullptr;  // the one the read was started on
};

class TakeCardBackPanel {
public:
    // `chime` plays the reminder sound (speech/audio area); may be empty.
    explicit TakeCardBackPanel(std::function<void()> chime = {}) : chime_(std::move(chime)) {}
    // True once the card is out of the slot (or there is no reader): go on.
    bool draw(UiContext& ctx);
    int chimes() const { return logic_.chimes(); }
    // Whether the reader reports a card still in its slot (the page is needed at all).
    static bool cardInside(UiContext& ctx);

private:
    card::TakeCardBack logic_;
    std::function<void()> chime_;
};

// A failed read as CardStepPanel shows it — heading, the plain-French message with its fix,
// declared as an a11y alert — for card fields drawn by someone else (the wizard).
void drawCardReadFailure(UiContext& ctx, const std::string& idSuffix, const std::string& message);

// The chime the panels play unless given one: set by whoever owns audio (the speech area).
void setCardChime(std::function<void()> chime);
const std::function<void()>& cardChime();

}  // namespace guichet::ui
