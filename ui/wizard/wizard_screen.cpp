// The wizard's one screen: it draws whatever state the resident's WizardSession is in —
// a page of questions, the review ("Vérifiez vos réponses"), the cancel question, the
// confirmation with reference, QR and what happens next — and turns taps into calls on it.
#include <algorithm>
#include <functional>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/page.hpp"
#include "ui/card_step/card_step.hpp"
#include "ui/core/widgets.hpp"
#include "ui/core/icons.hpp"
#include "ui/wizard/field_widgets.hpp"
#include "ui/core/paged_body.hpp"
#include "ui/wizard/payment_step_hook.hpp"
#include "ui/wizard/receipt_view.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui::wizard {
namespace {

using procedures::WizardSession;
using State = WizardSession::State;

class WizardScreen : public Screen {
public:
    WizardScreen(std::string procedureId, WizardSession* session) : procedureId_(std::move(procedureId)), session_(session) {}

    std::string id() const override { return "wizard"; }
    std::string title() const override {
        return session_ ? session_->procedure().title.in(session_->options().language) : std::string(_("Démarche"));
    }
    std::string instruction() const override {
        if (!session_) return {};
        switch (session_->state()) {
            case State::Question: return session_->indicator().text + _(" : ") + session_->currentStep().title.in(lang());
            case State::Review: return _("Vérifiez vos réponses, puis envoyez votre demande.");
            case State::Payment: {
                std::string s = session_->paymentStep() ? session_->paymentStep()->title.in(lang()) : std::string();
                if (auto spoken = paymentStepHook().spokenAmount) s += ". " + spoken(*session_);
                return s;
            }
            case State::ConfirmCancel: return _("Voulez-vous arrêter la démarche ?");
            case State::Done: return _("Votre demande est enregistrée.");
            case State::Cancelled: return {};
        }
        return {};
    }
    std::string help() const override {
        if (!session_) return {};
        if (session_->state() == State::Question && !session_->currentStep().help.empty())
            return session_->currentStep().help.in(lang());
        return session_->procedure().falc.in(lang());
    }

    void onLeave(UiContext& ctx) override {
        if (ctx.services.cardReader) ctx.services.cardReader->cancel();  // a read waiting for a card ends here
    }

    Intent draw(UiContext& ctx) override {
        if (!session_) return unknown(ctx);
        session_->setLanguage(ctx.session.language().empty() ? "fr" : ctx.session.language());
        session_->setLargeText(largeTextMode(ctx));
        switch (session_->state()) {
            case State::Question: return question(ctx);
            case State::Review: return review(ctx);
            case State::Payment: return payment(ctx);
            case State::ConfirmCancel: return confirmCancel(ctx);
            case State::Done: return cardTaken_ || !mustTakeCardBack(ctx) ? done(ctx) : takeCardBack(ctx);
            case State::Cancelled: return Intent::home();
        }
        return {};
    }

private:
    std::string procedureId_;
    WizardSession* session_;
    std::string confirmError_;
    std::string pageKey_;
    int subPage_ = 0;             // which part of a page too long for the screen
    int subPageCount_ = 1;
    TakeCardBackPanel takeBack_;  // "Reprenez votre carte" before the confirmation (card step)
    bool cardTaken_ = false;
    std::unique_ptr<PaymentPage> paymentPage_;  // while State::Payment: owns the payment in flight

    std::string lang() const { return session_->options().language; }

    // A new page starts at its top, not where the previous one was scrolled to.
    void scrollToTopOnChange(UiContext& ctx) {
        std::string key = std::to_string(static_cast<int>(session_->state()));
        if (session_->state() == State::Question) key += ":" + std::to_string(session_->pageIndex());
        if (key != pageKey_) {
            // A read still waiting for a card belongs to the page being left.
            if (!pageKey_.empty() && ctx.services.cardReader) ctx.services.cardReader->cancel();
            subPage_ = 0;
            ImGui::SetScrollY(0);
            pageKey_ = key;
            ctx.requestFrame();  // the scroll applies next frame: draw it so rects are right
        }
    }
    static std::string bareLabel(std::string label) {
        while (!label.empty() && (label.back() == ' ' || label.back() == ':')) label.pop_back();
        return label;
    }

    static ButtonStyle primary(const char* icon = nullptr) {
        ButtonStyle st;
        st.kind = ButtonKind::Primary;
        if (icon) st.icon = icon;
        return st;
    }
    static ButtonStyle secondary(const char* icon) {
        ButtonStyle st;
        st.kind = ButtonKind::Secondary;
        if (icon) st.icon = icon;
        return st;
    }
    static ButtonStyle quiet() {
        ButtonStyle st;
        st.kind = ButtonKind::Quiet;
        return st;
    }

    // Back goes to the previous page of the wizard (never losing answers); on the first
    // page, and for Home, leaving would lose the answers: ask once.
    Intent footer(PageScope& page) {
        Intent f = page.finish();
        if (f.kind == Intent::Kind::Back) {
            if (session_->state() == State::Question && session_->back()) return {};
            if (session_->state() == State::Review) { session_->back(); return {}; }
            session_->requestCancel();
            return {};
        }
        if (f.kind == Intent::Kind::Home) {
            session_->requestCancel();
            return {};
        }
        return f;
    }

    // The navigation of a paginated page, always at the same place at the bottom of the
    // body: the main action on the right (or "Voir la suite" while the page goes on),
    // "Précédent" on the left, where the resident is between them. Cancelling is the
    // footer's "Accueil", which asks before wiping.
    struct Nav {
        std::string mainId, mainLabel;
        const char* mainIcon = "check";
        bool cancel = true;       // "Annuler la démarche", as a quiet link at the left
    };
    // The navigation's height: its labels on one line where the row allows (no icons: the
    // words say it), two at most. A cut page's row holds up to three narrow buttons, and
    // keeps one height for every main label, so that its parts agree.
    static constexpr float kSide = 0.22f, kMain = 0.40f;
    static float navHeight(UiContext& ctx, float width) {
        ImFont* f = ctx.fonts.bold;
        float pad = ctx.px(28);
        float h = measureWrappedText(ctx.fonts.body, width * kSide - 2 * pad, _("Annuler la démarche")).y;
        for (const char* l : {_("Précédent"), _("Voir la suite")})
            h = std::max(h, measureWrappedText(f, width * kSide - 2 * pad, l).y);
        for (const char* l : {_("Continuer"), _("Envoyer ma demande"), _("Payer par carte"), _("Terminer"), _("Voir la suite")})
            h = std::max(h, measureWrappedText(f, width * kMain - 2 * pad, l).y);
        return std::max(ctx.px(104), h + 2 * ctx.px(24));
    }
    // The row of a page that is not cut: "Annuler la démarche" alone on the left, with all the
    // room up to the main action, and this page's own main label. At 200 % in landscape the
    // cut page's row wrapped "Annuler la démarche" on three lines in its narrow column, and
    // the 80 px it took were what the family-card question lacked to fit.
    static float wholePageNavHeight(UiContext& ctx, float width, const Nav& nav) {
        float pad = ctx.px(28);
        float h = nav.cancel ? measureWrappedText(ctx.fonts.body, wholePageCancelWidth(ctx, width) - 2 * pad,
                                                  _("Annuler la démarche")).y
                             : 0;
        h = std::max(h, measureWrappedText(ctx.fonts.bold, width * kMain - 2 * pad, nav.mainLabel).y);
        return std::max(ctx.px(104), h + 2 * ctx.px(24));
    }
    static float wholePageCancelWidth(UiContext& ctx, float width) { return width - width * kMain - ctx.px(20); }
    // Returns 1 when the main action was taken, 0 otherwise (sub-page moves are handled here).
    // Left to right: [Annuler la démarche] [Précédent] … "Partie 2 sur 3" … [main action].
    int drawNav(UiContext& ctx, float x, float y, float w, float h, const Nav& nav) {
        float gap = ctx.px(20);
        bool more = subPage_ + 1 < subPageCount_;
        float mainW = w * kMain, sideW = w * kSide;
        float left = x;  // next free place from the left
        int r = 0;
        if (nav.cancel && subPage_ == 0) {  // later parts: "Précédent" there, Accueil still cancels
            ButtonStyle st;
            st.kind = ButtonKind::Link;
            st.font = ctx.fonts.body;
            // Alone on its side (a page not cut), the link's words keep one line
            // (wholePageNavHeight), at the left where a cut page has it.
            const float oneLine = ctx.fonts.body->CalcTextSizeA(ctx.fonts.body->FontSize, FLT_MAX, 0,
                                                                _("Annuler la démarche")).x + 2 * ctx.px(28);
            const ImVec2 size(more ? sideW : std::clamp(oneLine, sideW, wholePageCancelWidth(ctx, w)), h);
            if (button(ctx, "cancel##wizard", _("Annuler la démarche"), ImVec2(left, y), size, st))
                session_->requestCancel();
            left += sideW + gap;
        }
        if (subPage_ > 0) {
            if (button(ctx, "previous##page", _("Précédent"), ImVec2(left, y), ImVec2(sideW, h), secondary(nullptr))) {
                --subPage_;
                ctx.requestFrame();
            }
            left += sideW + gap;
        }
        if (more) {  // read on, or go on now (answers given): both always there
            if (button(ctx, "more##page", _("Voir la suite"), ImVec2(left, y), ImVec2(sideW, h), secondary(nullptr))) {
                ++subPage_;
                ctx.requestFrame();
            }
            left += sideW + gap;
        }
        if (button(ctx, nav.mainId.c_str(), nav.mainLabel, ImVec2(x + w - mainW, y), ImVec2(mainW, h),
                          primary())) {
            r = 1;
        }
        if (subPageCount_ > 1) {  // where the resident is in a long page, in words, between the buttons
            std::string where = std::string(_("Partie")) + " " + std::to_string(subPage_ + 1) + " " + _("sur") + " " +
                                std::to_string(subPageCount_);
            ImFont* f = ctx.fonts.body;
            float right = x + w - mainW - gap;
            // On one line between the buttons; else on two ("Partie 1" / "sur 2", 200 % text);
            // else, the row too narrow even for that, on a line of its own above them (room
            // the pagination reserved: partLineAbove).
            std::vector<std::string> lines{where};
            float tw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, where.c_str()).x;
            float ty = y + (h - f->FontSize) * 0.5f;
            if (tw > right - left) {
                std::vector<std::string> two{std::string(_("Partie")) + " " + std::to_string(subPage_ + 1),
                                             std::string(_("sur")) + " " + std::to_string(subPageCount_)};
                float twoW = 0;
                for (const auto& l : two) twoW = std::max(twoW, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, l.c_str()).x);
                if (twoW <= right - left && 2 * f->FontSize <= h) {
                    lines = two;
                    tw = twoW;
                    ty = y + (h - 2 * f->FontSize) * 0.5f;
                } else {
                    left = x;
                    right = x + w;
                    ty = y - f->FontSize - ctx.px(8);
                }
            }
            ImDrawList* dl = ImGui::GetWindowDrawList();
            for (std::size_t i = 0; i < lines.size(); ++i) {
                const float lw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, lines[i].c_str()).x;
                dl->AddText(f, f->FontSize, ImVec2(std::floor(left + (right - left - lw) * 0.5f), std::floor(ty + i * f->FontSize)),
                            col(ctx.colors().textMuted), lines[i].c_str());
            }
            if (!ctx.inert) {
                a11y::Node n;
                n.id = "subpage";
                n.role = a11y::Role::Text;
                n.label = where;
                n.rect = {std::floor(left + (right - left - tw) * 0.5f), std::floor(ty), tw, lines.size() * f->FontSize};
                ctx.tree.add(std::move(n));
            }
        }
        return r;
    }

    // Where the navigation sits, in the body's screen coordinates of this frame: at the
    // bottom of the body's content, so that a cut page never scrolls. The body's scroll is
    // taken out: a page left scrolled (the keypad focus brought a control into view) once
    // measured its parts from its scrolled top, found more room the further it scrolled,
    // grew its blocks and kept itself scrolled, the fresh scan then ending under the footer.
    static float lowestNavY(UiContext& ctx, PageScope& page, float navH) {
        return page.layout().bodyMax.y - ctx.px(36) - ctx.px(24) - ctx.px(12) - navH - ImGui::GetScrollY();
    }

    // The line "Partie n sur m" takes above the navigation when it does not fit between the
    // buttons of a part that has two on its left ("Annuler"/"Précédent" and "Voir la suite"),
    // not even on two lines; 0 when it fits (200 % text: on two lines). Unreserved, it was
    // drawn over the part's last block (the fresh scan's "Recommencer", 200 % in landscape).
    // Sized for one-digit counts: a page of ten parts or more may still draw it above.
    float partLineAbove(UiContext& ctx, float width) const {
        ImFont* f = ctx.fonts.body;
        auto textW = [f](const std::string& t) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.c_str()).x; };
        const float widest = std::max(textW(std::string(_("Partie")) + " 8"), textW(std::string(_("sur")) + " 8"));
        const float gap = ctx.px(20);
        const float between = width - width * kMain - gap - 2 * (width * kSide + gap);
        return widest > between || 2 * f->FontSize > navHeight(ctx, width) ? f->FontSize + ctx.px(8) : 0;
    }

    float partLine_ = 0;  // the last cutIntoParts' partLineAbove
    // How a page is cut: its parts, the room each has above the navigation, the navigation's height.
    struct Cut {
        std::vector<SubPage> parts;
        float available = 0;
        float navH = 0;
    };
    // Measures `blocks` (drawn from `topY` down) and cuts them into parts that fit above the
    // navigation. A page that fits whole gets the roomier row of wholePageNavHeight; one that
    // does not, the row of navHeight, less the line "Partie n sur m" above it when that line
    // does not fit between the buttons. pagedBody and firstSubPageOf both cut through here,
    // so they agree on the parts.
    Cut cutIntoParts(UiContext& ctx, PageScope& page, const std::vector<Block>& blocks, float width, float topY,
                     const Nav& nav) {
        auto room = [&](float navH) { return lowestNavY(ctx, page, navH) - ctx.px(24) - topY; };
        const float line = partLineAbove(ctx, width);
        partLine_ = line;
        Cut cut;
        cut.navH = navHeight(ctx, width);
        cut.available = room(cut.navH);
        // What a shrinkable block (the fresh scan) is measured against: a part of a cut page.
        ctx.page.partRoom = cut.available - line;
        std::vector<float> heights;
        heights.reserve(blocks.size());
        for (const auto& b : blocks) heights.push_back(measureBlock(ctx, b.draw));
        const float wholeNavH = wholePageNavHeight(ctx, width, nav);
        auto whole = paginate(heights, blocks, room(wholeNavH));
        if (whole.size() == 1) {
            cut.parts = std::move(whole);
            cut.navH = wholeNavH;
            cut.available = room(wholeNavH);
            return cut;
        }
        cut.parts = paginate(heights, blocks, cut.available);
        if (cut.parts.size() > 1 && line > 0) {
            cut.available -= line;
            cut.parts = paginate(heights, blocks, cut.available);
        }
        return cut;
    }

    // Lays `blocks` out in sub-pages that fit above the navigation, draws the current one,
    // then the navigation. `top` is drawn first on every sub-page (the error summary).
    int pagedBody(UiContext& ctx, PageScope& page, const std::vector<Block>& blocks, const Nav& nav,
                  const std::function<void()>& top = {}) {
        float width = page.contentWidth();
        float x = ImGui::GetCursorScreenPos().x;
        float startY = ImGui::GetCursorScreenPos().y;
        if (top) {
            top();
            startY = ImGui::GetCursorScreenPos().y;
        }
        const Cut cut = cutIntoParts(ctx, page, blocks, width, startY, nav);
        const float navH = cut.navH;
        // The lowest the navigation may sit without making the body scroll (its padding and
        // the closing spacer of PageScope::finish).
        float navY = lowestNavY(ctx, page, navH);
        subPageCount_ = static_cast<int>(cut.parts.size());
        subPage_ = std::clamp(subPage_, 0, subPageCount_ - 1);
        ctx.page.partBottom = startY + cut.available;
        for (int i : cut.parts[subPage_].blocks) blocks[i].draw();
        ctx.page.partBottom = 0;
        // A block taller than the whole body (a document of many pages at 200 %) cannot be
        // cut: the navigation then follows it, and the page scrolls with its big arrows,
        // rather than covering it (the layout audit still reports such a page).
        // The cursor already holds the last block's spacing; the line "Partie n sur m" above
        // the navigation, when it has one, must not fall on that block either.
        navY = std::max(navY, ImGui::GetCursorScreenPos().y + (subPageCount_ > 1 ? partLine_ : 0));
        int r = drawNav(ctx, x, navY, width, navH, nav);
        ImGui::SetCursorScreenPos(ImVec2(x, navY + navH));
        ImGui::Dummy(ImVec2(1, 0));
        return r;
    }

    bool jumpToError_ = false;

    Intent question(UiContext& ctx) {
        std::string t = title(), sub = instruction();
        PageScope page(ctx, {.title = t, .subtitle = sub});
        scrollToTopOnChange(ctx);
        const auto& step = session_->currentStep();
        std::vector<Block> blocks;
        if (!step.help.empty() && !largeTextMode(ctx)) {
            std::string help = step.help.in(lang());
            Block instruction{[&ctx, help] { paragraph(ctx, help, true); }, false, -2};
            instruction.optional = true;
            blocks.push_back(std::move(instruction));
        }
        auto fields = session_->currentFields();
        std::vector<std::string> wrong;  // the questions to correct, for the summary
        std::vector<int> wrongGroups;
        for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
            auto more = fieldBlocks(ctx, *session_, *fields[i], i);
            for (auto& b : more) blocks.push_back(std::move(b));
            if (session_->errors().count(fields[i]->id) && !session_->notEligible(fields[i]->id)) {
                wrong.push_back(fieldTitle(*session_, *fields[i]));
                wrongGroups.push_back(i);
            }
        }
        std::function<void()> top;
        // A page of one question (always so at 200 %) has its error right under its title:
        // a summary repeating it would only push the answers off the screen.
        if (!wrong.empty() && fields.size() > 1) top = [&ctx, wrong] { errorSummary(ctx, wrong); };
        Nav nav{"next##wizard", _("Continuer"), "check"};
        if (jumpToError_) {  // after a failed Continuer: the sub-page of the first question to correct
            jumpToError_ = false;
            subPage_ = 0;
            pendingErrorGroup_ = wrongGroups.empty() ? -1 : wrongGroups.front();
        }
        int r = pagedBodyFocusing(ctx, page, blocks, nav, top);
        if (r == 1 && !session_->next()) {
            jumpToError_ = true;
            ctx.requestFrame();
        }
        return footer(page);
    }

    // pagedBody, first moving to the sub-page that holds the question `pendingErrorGroup_`.
    int pendingErrorGroup_ = -1;
    int pagedBodyFocusing(UiContext& ctx, PageScope& page, const std::vector<Block>& blocks, const Nav& nav,
                          const std::function<void()>& top) {
        if (pendingErrorGroup_ >= 0) {
            int group = pendingErrorGroup_;
            pendingErrorGroup_ = -1;
            subPage_ = firstSubPageOf(ctx, page, blocks, group, nav, top);
        }
        return pagedBody(ctx, page, blocks, nav, top);
    }
    int firstSubPageOf(UiContext& ctx, PageScope& page, const std::vector<Block>& blocks, int group, const Nav& nav,
                       const std::function<void()>& top) {
        float width = page.contentWidth();
        float topH = top ? measureBlock(ctx, top) : 0;
        const Cut cut = cutIntoParts(ctx, page, blocks, width, ImGui::GetCursorScreenPos().y + topH, nav);
        for (int p = 0; p < static_cast<int>(cut.parts.size()); ++p)
            for (int i : cut.parts[p].blocks)
                if (blocks[i].group == group) return p;
        return 0;
    }

    // A link-sized control: underlined text, no box — small, but a full finger high.
    // `label` is drawn; `spoken` is what speech and tests know it by ("Modifier : Nom").
    bool link(UiContext& ctx, const char* id, std::string_view label, std::string_view spoken, ImVec2 pos, ImVec2 size) {
        ButtonStyle st;
        st.kind = ButtonKind::Link;
        st.role = a11y::Role::Link;
        st.shown = label;
        st.font = ctx.fonts.body;
        return button(ctx, id, spoken, pos, size, st);
    }

    Intent review(UiContext& ctx) {
        std::string t = _("Vérifiez vos réponses");
        PageScope page(ctx, {.title = t, .subtitle = title()});
        scrollToTopOnChange(ctx);
        if (!session_->procedure().anonymous())
            ctx.tree.markPersonalContent();  // the answers: spoken only through a headset (A3)
        std::vector<Block> blocks;
        std::string lastStep;
        int group = -1;
        auto items = session_->review();
        for (const auto& item : items) {
            // Large text: no step titles between the answers (each answer names its question).
            if (item.stepTitle != lastStep && !largeTextMode(ctx)) {
                ++group;
                std::string heading_ = item.stepTitle;
                blocks.push_back({[&ctx, heading_] { heading(ctx, heading_); }, true, group});
                lastStep = item.stepTitle;
            }
            blocks.push_back({[this, &ctx, item] { reviewRow(ctx, item); }, false, group});
        }
        if (!confirmError_.empty()) {
            std::string e = confirmError_;
            blocks.push_back({[&ctx, e] { fieldError(ctx, "confirm", e); }, false, -3});
        }
        // With a card payment to make, the review's last word is paying (A21: review, then pay).
        const char* send = session_->procedure().anonymous() ? _("Envoyer mon avis")
                           : session_->paymentStep()         ? _("Payer par carte")
                                                             : _("Envoyer ma demande");
        Nav nav{"confirm##review", send, "check"};
        if (pagedBody(ctx, page, blocks, nav) == 1) {
            auto r = session_->confirm();
            confirmError_ = r ? std::string() : r.error().message;
            if (r && session_->state() == State::Done) printOnce(ctx);
            if (r && session_->state() == State::Payment) ctx.requestFrame();
        }
        return footer(page);
    }

    // One answer: the question, its value in bold, and a small "Modifier" on the right.
    void reviewRow(UiContext& ctx, const WizardSession::ReviewItem& item) {
        const auto& p = ctx.colors();
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float w = std::min(ImGui::CalcItemWidth(), ImGui::GetContentRegionAvail().x);
        std::string change = _("Modifier");
        ImFont* lf = ctx.fonts.body;
        ImFont* vf = ctx.fonts.bold;
        float linkW = lf->CalcTextSizeA(lf->FontSize, FLT_MAX, 0, change.c_str()).x + ctx.px(64);
        float textW = w - linkW - ctx.px(24);
        // Side by side when there is room (label | value), else the value under the label.
        bool side = textW > ctx.px(900);
        float labelW = side ? textW * 0.45f : textW;
        float valueW = side ? textW - labelW - ctx.px(24) : textW;
        std::string label = bareLabel(item.label);
        std::string value = item.value.empty() ? std::string(_("(pas de réponse)")) : item.value;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        float lh = drawWrappedText(dl, lf, pos, labelW, col(p.textMuted), label, false);
        ImVec2 vpos = side ? ImVec2(pos.x + labelW + ctx.px(24), pos.y) : ImVec2(pos.x, pos.y + lh + ctx.px(4));
        float vh = drawWrappedText(dl, vf, vpos, valueW, col(p.text), value, false);
        float h = std::max(side ? std::max(lh, vh) : lh + ctx.px(4) + vh, ctx.px(80));
        if (!ctx.inert) {
            a11y::Node n;
            n.id = "answer:" + item.fieldId;
            n.role = a11y::Role::Text;
            n.label = label + _(" : ") + value;
            n.rect = {pos.x, pos.y, textW, h};
            ctx.tree.add(std::move(n));
        }
        std::string id = "change:" + item.fieldId + "##review";
        std::string spoken = std::string(_("Modifier")) + _(" : ") + label;
        float linkH = std::max(ctx.px(80), lf->FontSize + ctx.px(32));
        if (link(ctx, id.c_str(), change, spoken, ImVec2(pos.x + w - linkW, pos.y + (h - linkH) * 0.5f),
                 ImVec2(linkW, linkH)))
            session_->change(item.fieldId);
        // A thin rule between answers, like a summary list.
        dl->AddLine(ImVec2(pos.x, pos.y + h + ctx.px(10)), ImVec2(pos.x + w, pos.y + h + ctx.px(10)),
                    col(p.surfaceBorder, 120), ctx.px(2));
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ctx.px(22)));
        ImGui::Dummy(ImVec2(1, 0));
    }

    // The card payment page (ui/payment_step through the hook). It stores the submission
    // with the payment's outcome (Done: the receipt is printed) or goes back to the review.
    Intent payment(UiContext& ctx) {
        auto& hook = paymentStepHook();
        if (!paymentPage_) {
            if (!hook.makePage) {  // no payment area in this build: nothing can be paid here
                session_->leavePayment();
                return {};
            }
            paymentPage_ = hook.makePage(ctx, *session_);
        }
        Intent intent = paymentPage_->draw(ctx, *session_);
        if (session_->state() != State::Payment) {
            paymentPage_.reset();  // the payment is over (joined); its outcome is in the submission
            if (session_->state() == State::Done) printOnce(ctx);
            ctx.requestFrame();
        }
        return intent;
    }

    Intent confirmCancel(UiContext& ctx) {
        std::string t = _("Arrêter la démarche ?");
        PageScope page(ctx, {.title = t, .subtitle = title(), .back = false, .home = false});
        scrollToTopOnChange(ctx);
        paragraph(ctx, _("Si vous arrêtez, toutes vos réponses sont effacées. Rien n'est envoyé à la mairie."));
        Intent intent;
        if (bigButton(ctx, "resume##cancel", _("Non, je continue"), primary("back"))) session_->resumeAfterCancelRequest();
        ButtonStyle danger;
        danger.kind = ButtonKind::Secondary;
        danger.icon = "cross";
        if (bigButton(ctx, "wipe##cancel", _("Oui, tout effacer"), danger)) {
            session_->confirmCancel();
            clearFieldBuffers(ctx, session_->procedure());
            WizardRuntime::instance()->endSession();
            session_ = nullptr;
            intent = Intent::home();
        }
        Intent f = page.finish();
        return intent ? intent : f;
    }

    // Once a card was read, the resident takes it back before the confirmation page.
    bool mustTakeCardBack(UiContext& ctx) {
        bool read = false;
        for (const auto& step : session_->procedure().steps)
            for (const auto& f : step.fields) {
                const auto* raw = f.type == procedures::FieldType::Card ? session_->rawAnswer(f.id) : nullptr;
                if (raw && raw->is_object() && raw->value("source", "") == "card") read = true;
            }
        if (!read || !TakeCardBackPanel::cardInside(ctx)) {
            cardTaken_ = true;  // asked once: a card inserted later is not this session's
            return false;
        }
        return true;
    }

    Intent takeCardBack(UiContext& ctx) {
        std::string t = title();
        PageScope page(ctx, {.title = t, .back = false, .home = false});
        if (takeBack_.draw(ctx)) {
            cardTaken_ = true;
            ctx.requestFrame();  // the confirmation page, next frame
        }
        page.finish();
        return {};
    }

    Intent done(UiContext& ctx) {
        const auto& proc = session_->procedure();
        // A bill is not paid by this page: it records how the resident wants to pay. Saying
        // "Demande enregistrée" would read as "paid".
        bool bill = proc.payment.present();
        // A card payment made here says its outcome first: paid, to check, or still owed.
        const auto& answers = session_->submission().answers;
        std::string paid = answers.contains(procedures::kPaymentAnswer) && answers[procedures::kPaymentAnswer].is_object()
                               ? answers[procedures::kPaymentAnswer].value("statut", "")
                               : std::string();
        std::string t = proc.anonymous()       ? _("Merci !")
                        : paid == "approved"   ? _("Paiement accepté")
                        : paid == "unknown"    ? _("Résultat du paiement inconnu")
                        : bill                 ? _("La facture reste à payer")
                                               : _("Demande enregistrée");
        PageScope page(ctx, {.title = t, .subtitle = title(), .back = false, .home = false});
        scrollToTopOnChange(ctx);
        if (!proc.anonymous())
            ctx.tree.markPersonalContent();  // the receipt: spoken only through a headset (A3)
        std::vector<Block> blocks;
        std::string reference = proc.anonymous() ? std::string() : session_->submission().reference;
        if (paid == "approved")
            blocks.push_back({[&ctx] {
                                  statusLine(ctx, _("Votre facture est payée. Le terminal de paiement imprime votre ticket de carte."), "check");
                              },
                              false, -1});
        else if (paid == "unknown")
            blocks.push_back({[&ctx] {
                                  fieldError(ctx, "unknown-payment",
                                             std::string(_("Nous ne savons pas si la somme a été débitée.")) + " " +
                                                 _("Ne réessayez pas, adressez-vous à l'accueil avec ce reçu"));
                              },
                              false, -1});
        else if (!paid.empty())  // refused, abandoned…: the resident chose to pay later
            blocks.push_back({[&ctx] {
                                  fieldError(ctx, "unpaid",
                                             _("Le paiement par carte n'a pas été fait : la facture reste due. Payez-la au guichet de la mairie."),
                                             true);
                              },
                              false, -1});
        else if (bill)
            blocks.push_back({[&ctx] {
                                  fieldError(ctx, "unpaid",
                                             _("Rien n'est payé pour l'instant : la facture reste due. Payez-la en ligne avec le code QR du reçu, ou au guichet de la mairie."),
                                             true);
                              },
                              false, -1});
        if (!reference.empty())
            blocks.push_back({[&ctx, reference] { referenceBox(ctx, "reference##done", _("Votre référence"), reference); },
                              false, -1});
        // The reference must not vanish while it is being copied (issue 14): 3 minutes, said.
        // An anonymous survey has no reference and prints nothing: neither sentence is true
        // there (seen in the real window: "le temps de noter votre référence" above no
        // reference, and the thanks cut into 3 parts at 200 %).
        if (!reference.empty()) {
            ctx.readingTime = std::chrono::minutes(3);
            blocks.push_back(
                {[&ctx] { paragraph(ctx, _("Cette page reste affichée 3 minutes, le temps de noter votre référence."), true); },
                 false, -1});
        }
        auto* rt = WizardRuntime::instance();
        std::string status = rt ? rt->printStatus : std::string();
        if (!status.empty()) blocks.push_back({[&ctx, status] { statusLine(ctx, status, "document"); }, false, -1});
        for (auto& b : receiptBlocks(ctx, session_->receipt(), reference)) blocks.push_back(std::move(b));
        Nav nav{"finish##done", _("Terminer"), "home"};
        nav.cancel = false;
        Intent intent;
        if (pagedBody(ctx, page, blocks, nav) == 1) intent = Intent::endSession();
        Intent f = page.finish();
        return intent ? intent : f;
    }

    void printOnce(UiContext& ctx) {
        auto* rt = WizardRuntime::instance();
        if (!rt || rt->receiptPrinted) return;
        rt->receiptPrinted = true;
        // A survey is anonymous: no reference to keep, so no slip of paper to take.
        if (session_->procedure().anonymous()) return;
        if (!ctx.services.printer || ctx.services.printer->status() == DeviceStatus::Absent) {
            rt->printStatus = _("L'imprimante n'est pas disponible : notez votre référence ou prenez l'écran en photo.");
            return;
        }
        rt->printStatus = _("Impression du reçu…");
        ctx.services.printer->print(session_->receipt(), [](Result<void> r) {
            if (auto* runtime = WizardRuntime::instance())
                runtime->printStatus = r ? _("Votre reçu est imprimé. Prenez-le sous l'écran.")
                                         : _("Le reçu n'a pas pu être imprimé : notez votre référence.");
        });
    }

    Intent unknown(UiContext& ctx) {
        PageScope page(ctx, {.title = _("Démarche indisponible")});
        paragraph(ctx, _("Cette démarche n'est pas disponible sur cette borne. L'accueil de la mairie peut vous aider."));
        Intent intent;
        if (bigButton(ctx, "home##wizard", _("Retour à l'accueil"), primary("home"))) intent = Intent::home();
        Intent f = page.finish();
        return intent ? intent : f;
    }
};

}  // namespace

GUICHET_SCREEN("wizard", [](UiContext& ctx, const std::string& param) {
    auto* rt = WizardRuntime::instance();
    WizardSession* s = rt ? rt->begin(ctx, param) : nullptr;
    return std::make_unique<WizardScreen>(param, s);
});

}  // namespace guichet::ui::wizard
