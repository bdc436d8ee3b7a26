#include "kiosk/procedures/localized_text.hpp"

namespace guichet::procedures {

const std::string& LocalizedText::fr() const {
    static const std::string none;
    auto it = byLanguage.find("fr");
    return it == byLanguage.end() ? none : it->second;
}

ResolvedText LocalizedText::resolve(const std::string& language) const {
    auto it = byLanguage.find(language);
    if (it != byLanguage.end() && !it->second.empty()) return {it->second, language, false};
    return {fr(), "fr", language != "fr"};
}

}  // namespace guichet::procedures
