#include "kiosk/procedures/template_text.hpp"

#include <cctype>

namespace guichet::procedures {

std::vector<std::string> templatePlaceholders(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t i = text.find('{'); i != std::string::npos; i = text.find('{', i + 1)) {
        auto end = text.find('}', i);
        if (end == std::string::npos) break;
        out.push_back(text.substr(i + 1, end - i - 1));
    }
    return out;
}

bool isBuiltinPlaceholder(const std::string& n) {
    return n == "reference" || n == "date" || n == "heure" || n == "commune" || n == "mairie" || n == "telephone_mairie" ||
           n == "adresse_mairie";
}

std::string percentEncode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out.push_back(static_cast<char>(c));
        else { out.push_back('%'); out.push_back(hex[c >> 4]); out.push_back(hex[c & 15]); }
    }
    return out;
}

std::string fillTemplate(const std::string& text, const std::function<std::string(const std::string&)>& resolve, bool urlEncode) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto open = text.find('{', i);
        auto close = open == std::string::npos ? std::string::npos : text.find('}', open);
        if (close == std::string::npos) { out += text.substr(i); break; }
        out += text.substr(i, open - i);
        std::string v = resolve(text.substr(open + 1, close - open - 1));
        out += urlEncode ? percentEncode(v) : v;
        i = close + 1;
    }
    return out;
}

}  // namespace guichet::procedures
