#include "kiosk/speech/speech_audit.hpp"

#include <algorithm>
#include <cctype>

#include "kiosk/speech/screen_reader.hpp"

namespace guichet::speech {

namespace {
bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}
// ImGui ids carry their visible label before "##": a label equal to its raw id ("##ok")
// or still holding "##" was never meant to be heard.
bool looksLikeAnId(const std::string& s) { return s.find("##") != std::string::npos; }
}  // namespace

std::vector<std::string> auditForSpeech(const a11y::Tree& tree) {
    std::vector<std::string> problems;
    const std::string where = "screen '" + tree.screenId() + "'";
    if (blank(tree.title())) problems.push_back(where + ": no title to announce");
    ScreenReader reader;
    for (const auto& n : tree.nodes()) {
        if (!n.focusable) continue;
        if (n.role == a11y::Role::Key ? n.label.empty() : blank(n.label))
            problems.push_back(where + ": control '" + n.id + "' (" + a11y::roleName(n.role) + ") has no spoken label");
        else if (looksLikeAnId(n.label))
            problems.push_back(where + ": control '" + n.id + "' would be spoken as its id: '" + n.label + "'");
        else if (reader.describe(n).text.empty())
            problems.push_back(where + ": control '" + n.id + "' says nothing");
    }
    return problems;
}

std::vector<std::string> auditHeardScreen(const a11y::Tree& tree, const SpeechLog& log, std::size_t screenMark) {
    std::vector<std::string> problems = auditForSpeech(tree);
    const std::string where = "screen '" + tree.screenId() + "'";
    if (!blank(tree.title()) && !log.heardSince(screenMark, tree.title())) {
        problems.push_back(log.spokenSince(screenMark, tree.title())
                               ? where + ": the title \"" + tree.title() + "\" was cut off before it was heard"
                               : where + ": the title \"" + tree.title() + "\" was never spoken");
    }
    for (const auto& text : log.failedSince(screenMark))
        problems.push_back(where + ": speech failed to start for \"" + text + "\"");
    return problems;
}

}  // namespace guichet::speech
