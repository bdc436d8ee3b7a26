// Puts an import into a catalogue folder without ever losing the town's work: new
// procedures are written; a file still as generated follows upstream; a file the town
// edited is kept and the changes upstream are reported (import-report.txt). Everything is
// prepared in memory first and each file lands whole (temporary file + rename).
#pragma once

#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "kiosk/catalogue_import/catalogue_writer.hpp"
#include "kiosk/catalogue_import/upstream_model.hpp"

namespace guichet::catalogue_import {

struct ImportWriteOptions {
    std::string outDir;
    RoutingOptions routing;
    bool accept = false;             // edited files: record today's upstream as seen (file untouched)
    bool partial = false;            // --only: procedures not asked for are not "removed upstream"
};

struct ImportSummary {
    std::string report;              // also written to outDir/import-report.txt
    int created = 0, updated = 0, unchanged = 0, kept = 0, skipped = 0, removedUpstream = 0;
};

Result<ImportSummary> writeImport(const std::vector<UpstreamProcedure>& procedures, const ImportWriteOptions& options);

}  // namespace guichet::catalogue_import
