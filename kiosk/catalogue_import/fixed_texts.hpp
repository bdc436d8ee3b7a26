// The importer's own texts (the steps Open311 needs, the receipt), in every language the
// terminal offers: only the back office's texts are left for the town to translate.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace guichet::catalogue_import {

using Translations = std::vector<std::pair<std::string, std::string>>;  // (language, text), fr first

// key: "precisions", "ou.title", "ou.help", "address.label", "description.title", "description.label",
// "description.placeholder", "contact.title", "suivi.label", "first_name.label", "last_name.label",
// "email.label", "phone.label", "contact.rule", "receipt.title", "receipt.next_steps", "receipt.place".
const Translations& fixedText(const std::string& key);

}  // namespace guichet::catalogue_import
