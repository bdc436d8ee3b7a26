// pugixml helpers that match elements by local name, whatever prefix (scan:, pwg:, none,
// or an odd one) a device binds its namespaces to.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "drivers/common/result.hpp"

namespace guichet::escl::xml {

std::string_view localName(const pugi::xml_node& node);
pugi::xml_node child(const pugi::xml_node& node, std::string_view local);
// First descendant (depth-first) with this local name.
pugi::xml_node descendant(const pugi::xml_node& node, std::string_view local);
std::string text(const pugi::xml_node& node, std::string_view childLocal);
std::optional<int> integer(const pugi::xml_node& node, std::string_view childLocal);

// Parses `data`; on failure a Protocol error naming `what`, the reason and the offset.
Result<void> load(pugi::xml_document& doc, std::string_view data, const char* what);

template <class F>
void forEachChild(const pugi::xml_node& node, std::string_view local, F&& f) {
    for (auto c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && localName(c) == local) f(c);
    }
}

}  // namespace guichet::escl::xml
