// The terminal's own settings, from a TOML file staff edit (config/terminal.toml): its
// identity, session timeouts, input debounce, lock-down. The town itself is named once,
// in the catalogue's _commune.toml (screens, receipts and information pages read it).
// Every mistake is reported as "file:line: what is wrong"; other areas read their own
// tables from table().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "kiosk/session/session.hpp"

namespace toml { inline namespace v3 { class table; } }

namespace guichet {

struct InformationPage {
    std::string title;  // "Horaires d'ouverture"
    std::string body;   // plain text, paragraphs separated by blank lines
};

struct TerminalConfig {
    std::string sourcePath;                 // "" when built-in defaults
    std::string terminalId = "borne-01";
    std::string welcome;                    // attract subtitle; "" = the translated default
    std::string defaultLanguage = "fr";
    bool kiosk = true;                      // lock-down: closing keys and window close ignored
    SessionTimeouts timeouts;
    int debounceMs = 300;                   // A16: taps closer than this are one tap
    std::string fontDir;                    // "" = Debian's font folders
    std::vector<InformationPage> information;
    std::shared_ptr<const toml::table> table;  // the whole file, for other areas' sections

    // Defaults when no file is given (demo, tests).
    static TerminalConfig defaults();
};

// Reads and checks `path`. Errors name the file and line: "terminal.toml:12: ...".
Result<TerminalConfig> loadTerminalConfig(const std::string& path);
// Same from text (tests); `name` stands for the file name in messages.
Result<TerminalConfig> parseTerminalConfig(const std::string& text, const std::string& name);

}  // namespace guichet
