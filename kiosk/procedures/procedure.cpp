#include "kiosk/procedures/procedure.hpp"

namespace guichet::procedures {

namespace {
struct TypeName { FieldType type; const char* name; };
const TypeName kTypes[] = {
    {FieldType::Text, "text"},           {FieldType::LongText, "long_text"},   {FieldType::Number, "number"},
    {FieldType::Date, "date"},           {FieldType::Choice, "choice"},        {FieldType::YesNo, "yes_no"},
    {FieldType::Email, "email"},         {FieldType::Phone, "phone"},          {FieldType::PostalCommune, "postal_commune"},
    {FieldType::Address, "address"},     {FieldType::Appointment, "appointment"}, {FieldType::Document, "document"},
    {FieldType::Card, "card"},           {FieldType::Computed, "computed"},    {FieldType::Rating, "rating"},
};
}  // namespace

const char* fieldTypeName(FieldType t) {
    for (const auto& n : kTypes)
        if (n.type == t) return n.name;
    return "?";
}

std::optional<FieldType> fieldTypeFromName(const std::string& name) {
    for (const auto& n : kTypes)
        if (name == n.name) return n.type;
    return std::nullopt;
}

bool Field::numericKeyboard() const {
    // Not amounts: "42,50" needs the comma of the full keyboard.
    return type == FieldType::Number || type == FieldType::Date || type == FieldType::Phone || type == FieldType::Rating;
}

const Field* Procedure::findField(const std::string& fid) const {
    for (const auto& s : steps)
        for (const auto& f : s.fields)
            if (f.id == fid) return &f;
    return nullptr;
}

const Step* Procedure::stepOfField(const std::string& fid) const {
    for (const auto& s : steps)
        for (const auto& f : s.fields)
            if (f.id == fid) return &s;
    return nullptr;
}

const Procedure* Catalogue::find(const std::string& pid) const {
    for (const auto& p : procedures)
        if (p.id == pid) return &p;
    return nullptr;
}

}  // namespace guichet::procedures
