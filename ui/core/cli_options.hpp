// Command-line options that other areas add to `guichet` without editing its main():
//   GUICHET_CLI_OPTION("--speech-log", "FILE", "write every utterance to FILE",
//                      [](const std::string& v) { speechLogPath() = v; });
// Handlers run while the arguments are parsed, before the shell and its extensions start.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace guichet::ui {

struct CliOption {
    std::string name;       // "--speech-log"
    std::string valueName;  // "FILE"; empty: a flag without value
    std::string help;
    std::function<void(const std::string& value)> apply;
};

bool registerCliOption(CliOption option);
const CliOption* findCliOption(const std::string& name);
const std::vector<CliOption>& cliOptions();

}  // namespace guichet::ui

#define GUICHET_CLI_CONCAT2(a, b) a##b
#define GUICHET_CLI_CONCAT(a, b) GUICHET_CLI_CONCAT2(a, b)
#define GUICHET_CLI_OPTION(name, valueName, help, fn)                    \
    static const bool GUICHET_CLI_CONCAT(guichetCliOption_, __LINE__) = \
        ::guichet::ui::registerCliOption({name, valueName, help, fn})
