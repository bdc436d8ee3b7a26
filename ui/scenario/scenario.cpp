#include "ui/scenario/scenario.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace guichet::ui {

namespace {
std::map<std::string, StepInfo>& steps() {
    static std::map<std::string, StepInfo> m;
    return m;
}

// Splits a line into words and "quoted strings" (\" and \\ escapes inside quotes).
Result<std::vector<std::string>> tokenize(const std::string& line) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i >= line.size() || line[i] == '#') break;
        std::string tok;
        if (line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                char c = line[i++];
                if (c == '\\' && i < line.size()) {
                    tok += line[i++];
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    tok += c;
                }
            }
            if (!closed) return makeError(ErrorCode::InvalidArgument, "unterminated quote");
        } else {
            while (i < line.size() && line[i] != ' ' && line[i] != '\t') tok += line[i++];
        }
        out.push_back(std::move(tok));
    }
    return out;
}
}  // namespace

bool registerScenarioStep(StepInfo info) {
    std::string name = info.name;
    steps()[name] = std::move(info);
    return true;
}

const StepInfo* findScenarioStep(const std::string& name) {
    auto it = steps().find(name);
    return it == steps().end() ? nullptr : &it->second;
}

std::vector<std::string> scenarioStepNames() {
    std::vector<std::string> v;
    for (const auto& [n, s] : steps()) v.push_back(n);
    return v;
}

Result<std::chrono::milliseconds> parseDuration(const std::string& text) {
    double value = 0;
    std::size_t used = 0;
    try {
        value = std::stod(text, &used);
    } catch (...) {
        return makeError(ErrorCode::InvalidArgument, "'" + text + "' is not a duration (write 2s or 500ms)");
    }
    std::string unit = text.substr(used);
    double ms = unit == "ms" ? value : unit == "s" ? value * 1000 : unit == "min" ? value * 60000 : unit == "h" ? value * 3600000 : -1;
    // "nans" or "infs" parse as numbers: NaN passes every comparison, and casting it is UB.
    if (!std::isfinite(ms) || ms < 0 || value < 0 || ms > 86400000.0)
        return makeError(ErrorCode::InvalidArgument, "'" + text + "' is not a duration (write 2s or 500ms)");
    return std::chrono::milliseconds(static_cast<long long>(ms));
}

Result<std::vector<ScenarioStep>> parseScenario(const std::string& text, const std::string& file) {
    std::vector<ScenarioStep> out;
    std::string errors;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    auto fail = [&](const std::string& msg) {
        if (!errors.empty()) errors += '\n';
        errors += file + ":" + std::to_string(number) + ": " + msg;
    };
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto tokens = tokenize(line);
        if (!tokens) {
            fail(tokens.error().message);
            continue;
        }
        if (tokens->empty()) continue;
        ScenarioStep step{file, number, (*tokens)[0], {tokens->begin() + 1, tokens->end()}};
        const StepInfo* info = findScenarioStep(step.name);
        if (!info) {
            std::string known;
            for (const auto& n : scenarioStepNames()) known += (known.empty() ? "" : ", ") + n;
            fail("unknown step '" + step.name + "' (known: " + known + ")");
            continue;
        }
        int n = static_cast<int>(step.args.size());
        if (n < info->minArgs || n > info->maxArgs) {
            fail("'" + step.name + "' takes " +
                 (info->minArgs == info->maxArgs ? std::to_string(info->minArgs)
                                                 : std::to_string(info->minArgs) + " to " + std::to_string(info->maxArgs)) +
                 " argument(s): " + info->usage);
            continue;
        }
        out.push_back(std::move(step));
    }
    if (!errors.empty()) return makeError(ErrorCode::InvalidArgument, errors);
    return out;
}

Result<std::vector<ScenarioStep>> loadScenario(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path + ":0: cannot read the scenario file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parseScenario(ss.str(), path);
}

static std::vector<StepObserver>& stepObservers() {
    static std::vector<StepObserver> observers;
    return observers;
}

bool registerStepObserver(StepObserver observer) {
    stepObservers().push_back(std::move(observer));
    return true;
}

int runScenario(ScenarioHost& host, const std::vector<ScenarioStep>& list) {
    host.settle();
    for (const auto& step : list) {
        for (const auto& observe : stepObservers()) observe(step);
        const StepInfo* info = findScenarioStep(step.name);
        StepContext ctx{host, step};
        Result<void> r = info ? info->run(ctx) : Result<void>(makeError(ErrorCode::InvalidArgument, "unknown step"));
        if (!r) {
            std::fprintf(stderr, "%s:%d: %s failed: %s\n", step.file.c_str(), step.line, step.name.c_str(),
                         r.error().message.c_str());
            return 1;
        }
        if (!host.running()) {
            std::fprintf(stderr, "%s:%d: the terminal quit during '%s'\n", step.file.c_str(), step.line,
                         step.name.c_str());
            return 1;
        }
    }
    return 0;
}

}  // namespace guichet::ui
