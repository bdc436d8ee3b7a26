#include "drivers/escl/scanner_status.hpp"

#include "drivers/escl/xml_util.hpp"

namespace guichet::escl {

const JobInfo* ScannerStatus::job(std::string_view uriOrPath) const {
    for (const auto& j : jobs) {
        std::string_view u = j.uri;
        // Devices list jobs either by path or by full URL: compare the tails.
        if (u == uriOrPath || (u.size() > uriOrPath.size() && u.ends_with(uriOrPath)) ||
            (uriOrPath.size() > u.size() && uriOrPath.ends_with(u)))
            return &j;
    }
    return nullptr;
}

static AdfState parseAdfState(std::string_view s) {
    if (s.empty()) return AdfState::Absent;
    if (s == "ScannerAdfLoaded") return AdfState::Loaded;
    if (s == "ScannerAdfEmpty") return AdfState::Empty;
    if (s == "ScannerAdfJam" || s == "ScannerAdfMispick" || s == "ScannerAdfMultipickDetected") return AdfState::Jam;
    if (s == "ScannerAdfProcessing") return AdfState::Processing;
    if (s == "ScannerAdfHatchOpen") return AdfState::HatchOpen;
    return AdfState::Other;
}

static ScannerState parseState(std::string_view s) {
    if (s == "Idle") return ScannerState::Idle;
    if (s == "Processing") return ScannerState::Processing;
    if (s == "Testing") return ScannerState::Testing;
    if (s == "Stopped") return ScannerState::Stopped;
    if (s == "Down") return ScannerState::Down;
    return ScannerState::Unknown;
}

Result<ScannerStatus> parseScannerStatus(std::string_view text) {
    pugi::xml_document doc;
    if (auto r = xml::load(doc, text, "ScannerStatus"); !r) return r.error();
    pugi::xml_node root = doc.document_element();
    if (xml::localName(root) != "ScannerStatus")
        return makeError(ErrorCode::Protocol, "eSCL: expected ScannerStatus, got <" + std::string(root.name()) + ">");
    ScannerStatus st;
    st.state = parseState(xml::text(root, "State"));
    st.adfStateText = xml::text(root, "AdfState");
    st.adf = parseAdfState(st.adfStateText);
    xml::forEachChild(xml::child(root, "Jobs"), "JobInfo", [&](pugi::xml_node j) {
        JobInfo info;
        info.uri = xml::text(j, "JobUri");
        info.state = xml::text(j, "JobState");
        info.imagesCompleted = xml::integer(j, "ImagesCompleted").value_or(0);
        xml::forEachChild(xml::child(j, "JobStateReasons"), "JobStateReason",
                          [&](pugi::xml_node r) { info.reasons.emplace_back(r.text().get()); });
        st.jobs.push_back(std::move(info));
    });
    return st;
}

const char* scannerStateName(ScannerState s) {
    switch (s) {
    case ScannerState::Idle: return "Idle";
    case ScannerState::Processing: return "Processing";
    case ScannerState::Testing: return "Testing";
    case ScannerState::Stopped: return "Stopped";
    case ScannerState::Down: return "Down";
    case ScannerState::Unknown: break;
    }
    return "Unknown";
}

const char* adfStateName(AdfState s) {
    switch (s) {
    case AdfState::Absent: return "none";
    case AdfState::Loaded: return "loaded";
    case AdfState::Empty: return "empty";
    case AdfState::Jam: return "jam";
    case AdfState::Processing: return "processing";
    case AdfState::HatchOpen: return "hatch open";
    case AdfState::Other: break;
    }
    return "other";
}

}  // namespace guichet::escl
