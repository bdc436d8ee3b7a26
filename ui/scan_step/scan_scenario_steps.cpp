// Scenario steps for scanned documents:
//   expect-scanned-pages FIELD N   the last stored submission answered FIELD with N scanned
//                                  pages, as one attachment (PDF or JPEG) of a plausible size
// (sizes are not compared exactly: the emulated page prints today's date.)
#include <string>

#include "ui/scenario/scenario.hpp"
#include "ui/wizard/wizard_runtime.hpp"

namespace guichet::ui {
namespace {

Result<void> expectScannedPages(StepContext& c) {
    const std::string& field = c.step.args[0];
    int expected = 0;
    try {
        expected = std::stoi(c.step.args[1]);
    } catch (...) {
        return makeError(ErrorCode::InvalidArgument, "expect-scanned-pages: N must be a number");
    }
    auto* rt = wizard::WizardRuntime::instance();
    if (!rt || rt->lastSubmission().is_null()) return makeError(ErrorCode::NotFound, "no submission was stored");
    const auto& sub = rt->lastSubmission();
    const auto answer = sub.value("answers", nlohmann::json::object()).value(field, nlohmann::json());
    if (!answer.is_object() || answer.value("pages", -1) != expected)
        return makeError(ErrorCode::Protocol, "answer of " + field + " is " + answer.dump() + ", expected " +
                                                  std::to_string(expected) + " page(s)");
    const auto names = answer.value("attachments", nlohmann::json::array());
    // The document step attaches one file (a PDF of every page, or one JPEG).
    if (names.size() != 1)
        return makeError(ErrorCode::Protocol, field + " lists " + std::to_string(names.size()) + " attachment(s)");
    for (const auto& name : names) {
        bool found = false;
        for (const auto& a : sub.value("attachments", nlohmann::json::array())) {
            if (a.value("name", "") != name) continue;
            found = true;
            const std::string type = a.value("media_type", "");
            const auto size = a.value("size", 0LL);
            if ((type != "image/jpeg" && type != "application/pdf") || size < 10000)
                return makeError(ErrorCode::Protocol, "attachment " + name.dump() + " is " + a.dump());
        }
        if (!found) return makeError(ErrorCode::NotFound, "attachment " + name.dump() + " is missing");
    }
    return {};
}

}  // namespace

GUICHET_SCENARIO_STEP({"expect-scanned-pages", "expect-scanned-pages FIELD N", 2, 2, expectScannedPages});

}  // namespace guichet::ui
