// A thin RAII layer over the SQLite C API: a connection and prepared statements whose
// errors become Result values carrying SQLite's code (kept to tell "disk full" from "corrupt").
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"

namespace guichet::outbox {

// Maps a SQLite primary result code onto our ErrorCode (FULL -> NoSpace, CORRUPT -> Corrupt...).
ErrorCode errorCodeFromSqlite(int rc);

class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, std::string_view sql);
    ~Stmt();
    Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_), prepareRc_(o.prepareRc_) { o.s_ = nullptr; }
    Stmt& operator=(Stmt&& o) noexcept;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, std::int64_t v);
    Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Stmt& bind(int i, std::string_view v);
    Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Stmt& bindBlob(int i, const Bytes& v);
    Stmt& bindNull(int i);

    // SQLITE_ROW -> true, SQLITE_DONE -> false, else an error.
    Result<bool> step();
    Result<void> run();  // step to completion, then reset
    void reset();

    std::int64_t i64(int col) const { return sqlite3_column_int64(s_, col); }
    std::string text(int col) const;
    bool isNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
    const std::uint8_t* blob(int col) const { return static_cast<const std::uint8_t*>(sqlite3_column_blob(s_, col)); }
    int blobSize(int col) const { return sqlite3_column_bytes(s_, col); }

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* s_ = nullptr;
    int prepareRc_ = SQLITE_OK;
};

class Db {
public:
    Db() = default;
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // flags: SQLITE_OPEN_* ; vfs: nullptr for the default (tests pass a fault-injecting shim).
    Result<void> open(const std::string& path, int flags, const char* vfs);
    void close();
    sqlite3* handle() const { return db_; }

    Result<void> exec(std::string_view sql);
    Stmt prepare(std::string_view sql) { return Stmt(db_, sql); }
    Error error(int rc, std::string_view what) const;

private:
    sqlite3* db_ = nullptr;
};

}  // namespace guichet::outbox
