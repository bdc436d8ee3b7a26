#include "ui/core/cli_options.hpp"

namespace guichet::ui {

namespace {
std::vector<CliOption>& options() {
    static std::vector<CliOption> v;  // function-local: registration order is free
    return v;
}
}  // namespace

bool registerCliOption(CliOption option) {
    options().push_back(std::move(option));
    return true;
}

const CliOption* findCliOption(const std::string& name) {
    for (const auto& o : options())
        if (o.name == name) return &o;
    return nullptr;
}

const std::vector<CliOption>& cliOptions() { return options(); }

}  // namespace guichet::ui
