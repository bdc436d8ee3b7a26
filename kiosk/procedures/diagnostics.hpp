// Problems found in catalogue files, for the operator: "file:line: message" (the same
// lines from `guichetctl catalogue check` and from the terminal refusing to start).
#pragma once

#include <string>
#include <vector>

namespace guichet::procedures {

struct Diagnostic {
    std::string file;
    int line = 0;
    std::string message;
    std::string format() const { return file + ":" + std::to_string(line) + ": " + message; }
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace guichet::procedures
