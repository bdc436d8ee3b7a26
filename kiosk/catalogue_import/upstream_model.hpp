// What a back office says a procedure is, before it becomes a catalogue file: the neutral
// model both importers fill, the writer turns into TOML, and the snapshot stores (JSON
// beside each file) so that a later import can tell what changed upstream.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/procedures/procedure.hpp"

namespace guichet::catalogue_import {

// Texts the back office did not give start with this marker; `catalogue check` warns.
inline constexpr const char* kToComplete = "[À COMPLÉTER]";

struct UpstreamChoice {
    std::string key;   // the value sent back (Open311 key, w.c.s. item text)
    std::string name;  // what the resident reads
    bool operator==(const UpstreamChoice&) const = default;
};

struct UpstreamField {
    std::string key;         // stable identity upstream: "attribute:CODE", "field:12"
    std::string fieldId;     // the catalogue field id
    std::string sourceType;  // upstream datatype: "singlevaluelist", "item", …
    std::string varname;     // Open311 attribute code, w.c.s. varname ("" if none)
    procedures::FieldType type = procedures::FieldType::Text;
    bool multiple = false;
    bool required = true;
    int order = 0;
    std::string label, help;
    std::vector<UpstreamChoice> choices;
    std::string origin;      // the comment written above the field
};

struct UpstreamStep {
    std::string id;
    std::string title, help;
    std::string titleKey;    // set: the writer's own translated title ("precisions"), not upstream text
    std::vector<UpstreamField> fields;
};

struct UpstreamProcedure {
    std::string source;      // "open311" | "wcs"
    std::string baseUrl;
    std::string upstreamId;  // Open311 service_code, w.c.s. slug
    std::string id;          // catalogue procedure id (file name without .toml)
    std::string title, description, group;
    std::vector<UpstreamStep> steps;   // the back office's own questions
    std::vector<std::string> notes;    // what could not be carried over (conditions, …)
    int order = 200;
    int version = 1;                   // the file's version: +1 each time it follows a change upstream

    std::vector<const UpstreamField*> allFields() const;
};

// "signalement-nid-de-poule", "nom_naissance": lower-case ASCII, accents dropped; other
// characters become `sep`; never empty, never starting with a digit for field ids.
std::string slugify(const std::string& text, char sep);
// Plain text of an HTML fragment (w.c.s. comments and hints): tags dropped, entities read,
// blank runs folded.
std::string plainText(const std::string& html);

// The snapshot stored beside each generated file (<id>.upstream.json).
nlohmann::json toSnapshot(const UpstreamProcedure& p);
UpstreamProcedure fromSnapshot(const nlohmann::json& j);  // throws nlohmann::json::exception

}  // namespace guichet::catalogue_import
