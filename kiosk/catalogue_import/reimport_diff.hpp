// What changed upstream between the snapshot a file was made from and today's back office:
// fields added, removed, retyped, made required or optional, relabelled, choices changed.
#pragma once

#include <string>
#include <vector>

#include "kiosk/catalogue_import/upstream_model.hpp"

namespace guichet::catalogue_import {

struct UpstreamChange {
    enum class Kind { Added, Removed, Retyped, Required, Relabelled, Choices, Title } kind;
    std::string fieldId;  // "" for the procedure's title
    std::string text;     // one line for the report, in French
};

std::vector<UpstreamChange> diffUpstream(const UpstreamProcedure& before, const UpstreamProcedure& now);

}  // namespace guichet::catalogue_import
