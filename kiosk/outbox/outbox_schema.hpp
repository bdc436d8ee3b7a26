// The outbox's schema and its migrations: PRAGMA user_version is the schema version, each
// migration runs in its own transaction, a database from a newer Guichet is refused.
#pragma once

#include "kiosk/outbox/sqlite_db.hpp"

namespace guichet::outbox {

inline constexpr int kSchemaVersion = 3;

Result<void> migrate(Db& db);

}  // namespace guichet::outbox
