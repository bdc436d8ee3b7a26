#include "drivers/escl/xml_util.hpp"

#include <cctype>
#include <charconv>

namespace guichet::escl::xml {

std::string_view localName(const pugi::xml_node& node) {
    std::string_view n = node.name();
    auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
    for (auto c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && localName(c) == local) return c;
    }
    return {};
}

pugi::xml_node descendant(const pugi::xml_node& node, std::string_view local) {
    for (auto c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (localName(c) == local) return c;
        if (auto d = descendant(c, local)) return d;
    }
    return {};
}

std::string text(const pugi::xml_node& node, std::string_view childLocal) {
    std::string_view t = child(node, childLocal).text().get();
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
    return std::string(t);
}

std::optional<int> integer(const pugi::xml_node& node, std::string_view childLocal) {
    std::string t = text(node, childLocal);
    if (t.empty()) return std::nullopt;
    // "1.0" appears in the wild for integral values: take the integral part.
    int v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || (p != t.data() + t.size() && *p != '.')) return std::nullopt;
    return v;
}

Result<void> load(pugi::xml_document& doc, std::string_view data, const char* what) {
    auto r = doc.load_buffer(data.data(), data.size(), pugi::parse_default, pugi::encoding_auto);
    if (!r) {
        return makeError(ErrorCode::Protocol, std::string("eSCL: ") + what + " is not valid XML (" +
                                                  r.description() + " at byte " + std::to_string(r.offset) + ")");
    }
    return {};
}

}  // namespace guichet::escl::xml
