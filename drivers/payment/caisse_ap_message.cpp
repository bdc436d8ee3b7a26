#include "drivers/payment/caisse_ap_message.hpp"

#include <set>

namespace guichet::payment {
namespace {

bool tagChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool printable(unsigned char c) { return c >= 0x20 && c <= 0x7E; }
bool digit(char c) { return c >= '0' && c <= '9'; }

std::string at(std::size_t offset) { return " at byte " + std::to_string(offset); }

std::string describeByte(unsigned char c) {
    static const char* hex = "0123456789ABCDEF";
    std::string s = "0x";
    s += hex[c >> 4];
    s += hex[c & 0xF];
    return s;
}

// Walks the fields; calls onField for each complete one. Returns Complete when the input
// ends on a field boundary, Incomplete when it stops inside one.
template <class OnField>
Scan walk(std::string_view b, OnField&& onField) {
    std::size_t i = 0;
    while (i < b.size()) {
        const std::size_t start = i;
        if (b.size() - i < 2) {
            if (!tagChar(b[i])) return {ScanState::Malformed, "tag character " + describeByte(b[i]) + at(i)};
            return {ScanState::Incomplete, {}};
        }
        for (std::size_t k = 0; k < 2; ++k)
            if (!tagChar(b[i + k]))
                return {ScanState::Malformed, "tag character " + describeByte(static_cast<unsigned char>(b[i + k])) +
                                                  " is not A-Z or 0-9" + at(i + k)};
        std::string_view tag = b.substr(i, 2);
        i += 2;
        std::size_t length = 0;
        for (std::size_t k = 0; k < 3; ++k, ++i) {
            if (i >= b.size()) return {ScanState::Incomplete, {}};
            if (!digit(b[i]))
                return {ScanState::Malformed, "length of " + std::string(tag) + " is not 3 decimal digits (" +
                                                  describeByte(static_cast<unsigned char>(b[i])) + at(i) + ")"};
            length = length * 10 + static_cast<std::size_t>(b[i] - '0');
        }
        const std::size_t valueStart = i;
        const std::size_t available = std::min(length, b.size() - i);
        for (std::size_t k = 0; k < available; ++k) {
            const auto c = static_cast<unsigned char>(b[i + k]);
            if (!printable(c))
                return {ScanState::Malformed, "value of " + std::string(tag) + " holds " +
                                                  (c >= 0x80 ? "a non-ASCII byte " : "a control byte ") +
                                                  describeByte(c) + at(i + k)};
        }
        if (available < length) return {ScanState::Incomplete, {}};
        i += length;
        if (auto reason = onField(tag, b.substr(valueStart, length), start); !reason.empty())
            return {ScanState::Malformed, reason};
    }
    return {ScanState::Complete, {}};
}

}  // namespace

bool isValidTag(std::string_view tag) { return tag.size() == 2 && tagChar(tag[0]) && tagChar(tag[1]); }

Message& Message::set(std::string_view tag, std::string value) {
    for (auto& f : fields_)
        if (f.tag == tag) {
            f.value = std::move(value);
            return *this;
        }
    fields_.push_back({std::string(tag), std::move(value)});
    return *this;
}

const std::string* Message::get(std::string_view tag) const {
    for (const auto& f : fields_)
        if (f.tag == tag) return &f.value;
    return nullptr;
}

Result<std::string> encode(const Message& message) {
    const std::string* version = message.get("CZ");
    if (!version) return makeError(ErrorCode::InvalidArgument, "a Caisse-AP message needs the version field CZ");
    std::set<std::string> seen;
    std::string out;
    auto append = [&](const Field& f) -> Result<void> {
        if (!isValidTag(f.tag)) return makeError(ErrorCode::InvalidArgument, "tag '" + f.tag + "' is not 2 characters A-Z/0-9");
        if (!seen.insert(f.tag).second) return makeError(ErrorCode::InvalidArgument, "tag " + f.tag + " appears twice");
        // Public implementations assert 1..999: an empty field is better left out.
        if (f.value.empty()) return makeError(ErrorCode::InvalidArgument, "value of " + f.tag + " is empty");
        if (f.value.size() > kMaxValueLength)
            return makeError(ErrorCode::InvalidArgument, "value of " + f.tag + " is " + std::to_string(f.value.size()) +
                                                             " characters long, more than 999");
        for (unsigned char c : f.value)
            if (!printable(c))
                return makeError(ErrorCode::InvalidArgument, "value of " + f.tag + " holds the byte " + describeByte(c) +
                                                                 " (only printable ASCII is allowed)");
        const auto n = f.value.size();
        out += f.tag;
        out += static_cast<char>('0' + n / 100);
        out += static_cast<char>('0' + n / 10 % 10);
        out += static_cast<char>('0' + n % 10);
        out += f.value;
        return {};
    };
    for (const auto& f : message.fields())
        if (f.tag == "CZ")
            if (auto r = append(f); !r) return r.error();
    for (const auto& f : message.fields())
        if (f.tag != "CZ")
            if (auto r = append(f); !r) return r.error();
    return out;
}

Scan scanFields(std::string_view bytes) {
    return walk(bytes, [](std::string_view, std::string_view, std::size_t) { return std::string(); });
}

Result<Message> decode(std::string_view bytes) {
    if (bytes.empty()) return makeError(ErrorCode::Protocol, "empty message");
    std::vector<Field> fields;
    std::set<std::string, std::less<>> seen;
    const Scan scan = walk(bytes, [&](std::string_view tag, std::string_view value, std::size_t offset) {
        if (fields.empty() && tag != "CZ") return "the first field is " + std::string(tag) + ", not the version CZ";
        if (!seen.insert(std::string(tag)).second) return "tag " + std::string(tag) + " appears twice" + at(offset);
        fields.push_back({std::string(tag), std::string(value)});
        return std::string();
    });
    if (scan.state == ScanState::Malformed) return makeError(ErrorCode::Protocol, scan.reason);
    if (scan.state == ScanState::Incomplete)
        return makeError(ErrorCode::Protocol, "message truncated after " + std::to_string(bytes.size()) + " bytes");
    return Message(std::move(fields));
}

}  // namespace guichet::payment
