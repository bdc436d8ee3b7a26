#include "kiosk/speech/screen_reader.hpp"

#include <algorithm>

#include "drivers/common/bytes.hpp"
#include "kiosk/speech/voices.hpp"

namespace guichet::speech {

namespace {

// What the log file gets in place of a personal value.
constexpr const char* kRedacted = "[donnée personnelle]";
// A screen that keeps producing new texts (a log view) must not grow memory without bound.
constexpr std::size_t kMaxRememberedTexts = 512;

std::string alertKey(const a11y::Node& n) { return n.id + '\x1f' + n.label; }

// Length in bytes of the UTF-8 character that ends `s` (1 for ASCII).
// "Activé" and "activé": the same word for speech (ASCII case only; accents must match).
bool sameWord(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::size_t lastCharBytes(std::string_view s) {
    std::size_t n = 1;
    while (n < s.size() && (static_cast<unsigned char>(s[s.size() - n]) & 0xC0) == 0x80) ++n;
    return std::min(n, s.size());
}

}  // namespace

ScreenReader::ScreenReader() = default;

namespace {
bool isScreenText(const a11y::Node& n, const a11y::Tree& tree) {
    if (n.focusable || n.role == a11y::Role::Alert || n.role == a11y::Role::TextField) return false;
    if (n.role == a11y::Role::Heading && n.label == tree.title()) return false;
    return !n.label.empty() || !n.value.empty();
}
}  // namespace

void ScreenReader::reset() {
    seenFrame_ = false;
    secureWipe(focusValue_);
    screenId_.clear();
    title_.clear();
    instruction_.clear();
    for (auto& t : texts_) secureWipe(t);
    texts_.clear();
    focusId_.clear();
    focusChecked_.reset();
    focusDisabled_ = false;
    alerts_.clear();
    for (auto& e : editing_) secureWipe(e.second);
    editing_.clear();
}

Utterance ScreenReader::join(const std::vector<Part>& parts, const char* sep) const {
    Utterance u;
    u.language = language_;
    for (const auto& p : parts) {
        if (p.text.empty()) continue;
        if (!u.text.empty()) {
            // "Besoin de plus de temps ?" then ". " would be read as a stray pause: a text
            // that already ends a sentence is followed by a space only.
            const char last = u.text.back();
            const bool ended = sep[0] == '.' && (last == '.' || last == '?' || last == '!' || last == ':');
            u.text += ended ? " " : sep;
            u.logText += ended ? " " : sep;
        }
        u.text += p.text;
        u.logText += p.logText;
    }
    return u;
}

void ScreenReader::appendValue(const a11y::Node& node, std::vector<Part>& parts) const {
    const Phrases& ph = phrasesFor(language_);
    if (node.masked) {
        // Never the value, not even its length (A3).
        parts.push_back({node.value.empty() ? ph.empty : ph.protectedEntry, node.value.empty() ? ph.empty : ph.protectedEntry});
        return;
    }
    if (node.value.empty()) {
        if (node.role == a11y::Role::TextField) parts.push_back({ph.empty, ph.empty});
        return;
    }
    if (node.personal && !headset_) {
        parts.push_back({ph.personalHidden, ph.personalHidden});
        return;
    }
    parts.push_back({node.value, node.personal ? kRedacted : node.value});
}

Utterance ScreenReader::describe(const a11y::Node& node) const {
    const Phrases& ph = phrasesFor(language_);
    std::vector<Part> parts;
    if (node.role == a11y::Role::Key) {
        // Keys of the on-screen keyboard: just the key, so that typing stays fast.
        std::string key = node.label == " " ? ph.space : node.label;
        parts.push_back({key, key});
        if (node.disabled) parts.push_back({ph.unavailable, ph.unavailable});
        return join(parts, ", ");
    }
    std::string role = roleWord(node.role, language_);
    parts.push_back({role, role});
    parts.push_back({node.label, node.label});
    const char* state = nullptr;
    if (node.checked) {
        const bool toggle = node.role == a11y::Role::Toggle;
        state = *node.checked ? (toggle ? ph.on : ph.checked) : (toggle ? ph.off : ph.unchecked);
    }
    // A toggle that shows its state as its value ("Activé") is not told twice.
    if (!state || !sameWord(node.value, state)) appendValue(node, parts);
    if (state) parts.push_back({state, state});
    if (node.disabled) parts.push_back({ph.unavailable, ph.unavailable});
    if (node.positionInSet > 0 && node.setSize > 0) {
        std::string pos = std::to_string(node.positionInSet) + ' ' + ph.positionOf + ' ' + std::to_string(node.setSize);
        parts.push_back({pos, pos});
    }
    Utterance u = join(parts, ", ");
    if (!node.hint.empty()) {
        u.text += ". " + node.hint;
        u.logText += ". " + node.hint;
    }
    return u;
}

std::vector<Utterance> ScreenReader::screenTexts(const a11y::Tree& tree,
                                                 const std::vector<const a11y::Node*>& nodes) const {
    std::vector<Utterance> out;
    if (nodes.empty()) return out;
    const Phrases& ph = phrasesFor(language_);
    if (tree.personalContent() && !headset_) {
        out.push_back(Utterance{ph.personalHidden, ph.personalHidden, language_});
        return out;
    }
    for (const auto* n : nodes) {
        std::vector<Part> parts{{n->label, tree.personalContent() ? kRedacted : n->label}};
        if (!n->value.empty()) appendValue(*n, parts);
        Utterance u = join(parts, ", ");
        if (!u.text.empty()) out.push_back(std::move(u));
    }
    return out;
}

std::vector<Utterance> ScreenReader::readScreen(const a11y::Tree& tree) const {
    std::vector<Utterance> out;
    std::vector<Part> head{{tree.title(), tree.title()}, {tree.instruction(), tree.instruction()}};
    out.push_back(join(head, ". "));
    std::vector<const a11y::Node*> texts;
    for (const auto& n : tree.nodes())
        if (isScreenText(n, tree)) texts.push_back(&n);
    for (auto& u : screenTexts(tree, texts)) out.push_back(std::move(u));
    return out;
}

std::string ScreenReader::rememberedValue(const a11y::Node& node) {
    // A masked value is remembered only as its length: the reader never holds a PIN.
    return node.masked ? std::string(node.value.size(), '*') : node.value;
}

std::vector<Utterance> ScreenReader::typingFeedback(const a11y::Node& node, const std::string& before) const {
    const Phrases& ph = phrasesFor(language_);
    std::vector<Part> parts;
    const std::string& now = node.value;
    if (node.masked) {
        if (now.size() < before.size()) parts.push_back({ph.deleted, ph.deleted});
        else parts.push_back({ph.maskedKey, ph.maskedKey});
    } else if (now.size() < before.size() && before.compare(0, now.size(), now) == 0) {
        parts.push_back({ph.deleted, ph.deleted});
    } else {
        // A character appended, or the last one replaced (multi-tap cycling a letter): say
        // that character; anything else (the field was filled at once): the whole value.
        std::string said;
        std::size_t last = lastCharBytes(now);
        if (!now.empty() && now.compare(0, now.size() - last, before, 0, std::min(before.size(), now.size() - last)) == 0 &&
            before.size() <= now.size())
            said = now.substr(now.size() - last);
        else
            said = now;
        if (said == " ") said = ph.space;
        if (node.personal && !headset_) parts.push_back({ph.maskedKey, ph.maskedKey});
        else parts.push_back({said, node.personal ? kRedacted : said});
    }
    Utterance u = join(parts, ", ");
    return {u};
}

std::vector<Announcement> ScreenReader::onFrame(const a11y::Tree& tree) {
    const Phrases& ph = phrasesFor(language_);
    std::vector<Announcement> out;
    // Only the first announcement of a frame may cut off what is being said, and only when
    // it is news the resident asked for: a new screen, the focus moved from one control to
    // another, an error. A screen's first focus, arriving a frame after its title, and a
    // text that appears by itself queue behind the title: otherwise a resident entering a
    // screen never hears what it is (the keypad-only audit caught exactly that on home).
    // A key or a touch already cuts speech off before its consequences are announced.
    auto emit = [&](Utterance u, bool mayInterrupt) {
        if (u.text.empty()) return;
        u.language = language_;
        out.push_back({std::move(u), mayInterrupt && out.empty()});
    };

    // A new screen, or a new page of the same screen (the wizard's instruction names the step).
    const bool newScreen = !seenFrame_ || tree.screenId() != screenId_ || tree.title() != title_ ||
                           tree.instruction() != instruction_;
    if (newScreen) {
        // Title, instruction and every text, as a resident who sees the screen reads it;
        // any key cuts it short.
        for (auto& u : readScreen(tree)) emit(std::move(u), true);
        alerts_.clear();
        for (auto& e : editing_) secureWipe(e.second);
        editing_.clear();
        focusId_.clear();
    }

    // Texts that appeared on the same screen (an error under a question, a status line).
    // Remembered for the whole screen: the page's texts hidden under the on-screen keyboard
    // and shown again when it closes are not news.
    if (newScreen) {
        for (auto& t : texts_) secureWipe(t);  // they may have shown a resident's answers
        texts_.clear();
    }
    std::vector<const a11y::Node*> appeared;
    for (const auto& n : tree.nodes()) {
        if (!isScreenText(n, tree)) continue;
        if (std::find(texts_.begin(), texts_.end(), n.label) != texts_.end()) continue;
        if (!newScreen) appeared.push_back(&n);
        if (texts_.size() < kMaxRememberedTexts) texts_.push_back(n.label);
    }
    for (auto& u : screenTexts(tree, appeared)) emit(std::move(u), false);

    // New errors: the message and its fix (A21). Alerts still on screen are not repeated.
    std::vector<std::string> alertsNow;
    for (const auto& n : tree.nodes()) {
        if (n.role != a11y::Role::Alert) continue;
        alertsNow.push_back(alertKey(n));
        if (std::find(alerts_.begin(), alerts_.end(), alertsNow.back()) != alerts_.end()) continue;
        std::vector<Part> parts{{ph.roles[static_cast<int>(a11y::Role::Alert)], ph.roles[static_cast<int>(a11y::Role::Alert)]},
                                {n.label, n.label}};
        if (!n.value.empty()) appendValue(n, parts);
        parts.push_back({n.hint, n.hint});
        emit(join(parts, ". "), true);
    }
    alerts_ = std::move(alertsNow);

    // A field being edited through an overlay (the on-screen keyboard's display): say
    // which field when it appears, then what is typed into it.
    std::vector<std::pair<std::string, std::string>> editingNow;
    for (const auto& n : tree.nodes()) {
        if (n.role != a11y::Role::TextField || n.focusable) continue;
        auto prev = std::find_if(editing_.begin(), editing_.end(), [&](const auto& e) { return e.first == n.id; });
        if (prev == editing_.end()) emit(describe(n), true);
        else if (prev->second != rememberedValue(n))
            for (auto& u : typingFeedback(n, prev->second)) emit(std::move(u), true);
        editingNow.emplace_back(n.id, rememberedValue(n));
    }
    for (auto& e : editing_) secureWipe(e.second);
    editing_ = std::move(editingNow);

    const a11y::Node* f = tree.focused();
    const std::string valueNow = f ? rememberedValue(*f) : std::string();
    if (f && f->id != focusId_) {
        emit(describe(*f), !focusId_.empty());  // moved, not a screen's first focus
    } else if (f) {
        if (f->checked != focusChecked_ && f->checked) {
            const bool toggle = f->role == a11y::Role::Toggle;
            const char* state = *f->checked ? (toggle ? ph.on : ph.checked) : (toggle ? ph.off : ph.unchecked);
            emit(Utterance{state, state, language_}, true);  // A15: the new state
        } else if (valueNow != focusValue_) {
            if (f->role == a11y::Role::TextField) {
                for (auto& u : typingFeedback(*f, focusValue_)) emit(std::move(u), true);
            } else {
                std::vector<Part> parts;
                appendValue(*f, parts);
                emit(join(parts, ", "), true);
            }
        } else if (f->disabled != focusDisabled_) {
            emit(describe(*f), true);
        }
    }

    seenFrame_ = true;
    if (newScreen) {
        screenId_ = tree.screenId();
        title_ = tree.title();
        instruction_ = tree.instruction();
    }
    focusId_ = f ? f->id : std::string();
    if (f) {
        if (focusValue_ != valueNow) {
            secureWipe(focusValue_);
            focusValue_ = valueNow;
        }
    } else {
        secureWipe(focusValue_);
    }
    focusChecked_ = f ? f->checked : std::nullopt;
    focusDisabled_ = f && f->disabled;
    return out;
}

}  // namespace guichet::speech
