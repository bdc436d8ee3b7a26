// A SQLite VFS shim over the default one that fails the Nth xWrite/xSync (the fail-point
// technique of SQLite's own tests): the store is exercised on SQLite's real I/O path.
#pragma once

namespace guichet::test {

inline constexpr const char* kFailingVfs = "guichet-failing";

void registerFailingVfs();  // idempotent
// From now on, the nth write or sync (1-based) returns errorCode (SQLITE_IOERR_WRITE,
// SQLITE_FULL...). sticky: every later one fails too (a disk that stays full).
void armFailure(int nth, int errorCode, bool sticky);
void disarmFailure();
// While errorCode != 0, every xRead returns it (SQLITE_IOERR_READ, SQLITE_BUSY...): a disk
// that cannot be read for a while. failReads(0) lets reads through again.
void failReads(int errorCode);
bool failureHappened();
int writesAndSyncsSeen();  // since the last arm/disarm

}  // namespace guichet::test
