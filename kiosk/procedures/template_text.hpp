// Texts of the catalogue with placeholders: "{nom} {prenoms}", "{reference}". Receipt
// rows, computed fields and the payment URL are filled from the answers with them.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace guichet::procedures {

std::vector<std::string> templatePlaceholders(const std::string& text);
// {reference}, {date}, {heure}, {commune}: known to every procedure.
bool isBuiltinPlaceholder(const std::string& name);
// Replaces each {name} with resolve(name); `urlEncode` percent-encodes the values.
std::string fillTemplate(const std::string& text, const std::function<std::string(const std::string&)>& resolve,
                         bool urlEncode = false);
std::string percentEncode(const std::string& s);

}  // namespace guichet::procedures
