// A Caisse-AP message: a sequence of fields, each a 2-character tag, a 3-digit decimal
// length and an ASCII value (docs/payment.md). Pure encode/decode, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"

namespace guichet::payment {

struct Field {
    std::string tag;    // two characters, A-Z or 0-9: "CZ", "CB", "AE"
    std::string value;  // printable ASCII, at most 999 characters
};

inline constexpr std::size_t kMaxValueLength = 999;

class Message {
public:
    Message() = default;
    explicit Message(std::vector<Field> fields) : fields_(std::move(fields)) {}

    // Replaces the value of an existing tag, else appends the field.
    Message& set(std::string_view tag, std::string value);
    const std::string* get(std::string_view tag) const;
    bool has(std::string_view tag) const { return get(tag) != nullptr; }
    const std::vector<Field>& fields() const { return fields_; }

private:
    std::vector<Field> fields_;
};

// Bytes on the wire: CZ first (the protocol version opens every message), then the other
// fields in their order. Refuses (InvalidArgument, with the reason) a bad tag, an empty or
// too long value, a non-printable or non-ASCII character, a missing CZ, a duplicate tag.
Result<std::string> encode(const Message& message);

// Parses a complete message; every malformed input is refused with ErrorCode::Protocol and
// a reason naming the byte offset. Unknown tags are kept (callers ignore them).
Result<Message> decode(std::string_view bytes);

// For a stream reader: does `bytes` end exactly on a field boundary (Complete), stop inside
// a field (Incomplete), or is it malformed whatever follows (Malformed, with a reason)?
enum class ScanState { Complete, Incomplete, Malformed };
struct Scan {
    ScanState state;
    std::string reason;  // for Malformed
};
Scan scanFields(std::string_view bytes);

bool isValidTag(std::string_view tag);

}  // namespace guichet::payment
