// Logging to stderr in a journald-friendly form ("<6>area: message"). Never pass personal
// data (names, identifiers, card numbers, answers) to these functions.
#pragma once

#include <string_view>

namespace guichet::log {

enum class Level { Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 };

void setLevel(Level maxLevel);  // messages above it are dropped (default Info)
bool enabled(Level level);      // false: a message of this level would be dropped (skip building it)
void write(Level level, std::string_view area, std::string_view message);

inline void error(std::string_view area, std::string_view m) { write(Level::Error, area, m); }
inline void warning(std::string_view area, std::string_view m) { write(Level::Warning, area, m); }
inline void info(std::string_view area, std::string_view m) { write(Level::Info, area, m); }
inline void debug(std::string_view area, std::string_view m) { write(Level::Debug, area, m); }

}  // namespace guichet::log
