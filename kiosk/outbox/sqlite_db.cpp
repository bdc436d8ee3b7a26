#include "kiosk/outbox/sqlite_db.hpp"

namespace guichet::outbox {

ErrorCode errorCodeFromSqlite(int rc) {
    switch (rc & 0xFF) {
        case SQLITE_FULL: return ErrorCode::NoSpace;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: return ErrorCode::Corrupt;
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_AUTH: return ErrorCode::PermissionDenied;
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return ErrorCode::Busy;
        case SQLITE_CONSTRAINT:
        case SQLITE_MISMATCH:
        case SQLITE_RANGE: return ErrorCode::InvalidArgument;
        case SQLITE_NOTFOUND: return ErrorCode::NotFound;
        default: return ErrorCode::Io;
    }
}

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
    prepareRc_ = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s_, nullptr);
}

Stmt::~Stmt() { sqlite3_finalize(s_); }

Stmt& Stmt::operator=(Stmt&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(s_);
        db_ = o.db_;
        s_ = o.s_;
        prepareRc_ = o.prepareRc_;
        o.s_ = nullptr;
    }
    return *this;
}

Stmt& Stmt::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bindBlob(int i, const Bytes& v) {
    // Zero-length blobs must still be non-NULL values.
    static const std::uint8_t empty = 0;
    sqlite3_bind_blob(s_, i, v.empty() ? &empty : v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
}
Stmt& Stmt::bindNull(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
}

Result<bool> Stmt::step() {
    if (!s_) return makeError(errorCodeFromSqlite(prepareRc_), std::string("prepare: ") + sqlite3_errstr(prepareRc_) +
                                                                   (db_ ? std::string(": ") + sqlite3_errmsg(db_) : ""));
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Error e = makeError(errorCodeFromSqlite(rc), std::string(sqlite3_errstr(rc)) + ": " + sqlite3_errmsg(db_));
    sqlite3_reset(s_);
    return e;
}

Result<void> Stmt::run() {
    for (;;) {
        auto r = step();
        if (!r) {
            reset();  // a prepared-once statement must be usable again after an error
            return r.error();
        }
        if (!*r) break;
    }
    reset();
    return {};
}

void Stmt::reset() {
    if (!s_) return;
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
}

std::string Stmt::text(int col) const {
    const unsigned char* t = sqlite3_column_text(s_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(s_, col)))
             : std::string();
}

Db::~Db() { close(); }

void Db::close() {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
}

Result<void> Db::open(const std::string& path, int flags, const char* vfs) {
    close();
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, vfs);
    if (rc != SQLITE_OK) {
        Error e = error(rc, "open " + path);
        close();
        return e;
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    return {};
}

Result<void> Db::exec(std::string_view sql) {
    char* msg = nullptr;
    int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &msg);
    if (rc == SQLITE_OK) return {};
    std::string m = msg ? msg : sqlite3_errstr(rc);
    sqlite3_free(msg);
    return makeError(errorCodeFromSqlite(rc), std::string(sqlite3_errstr(rc)) + ": " + m);
}

Error Db::error(int rc, std::string_view what) const {
    std::string m(what);
    m += ": ";
    m += sqlite3_errstr(rc);
    if (db_) {
        m += ": ";
        m += sqlite3_errmsg(db_);
    }
    return makeError(errorCodeFromSqlite(rc), m);
}

}  // namespace guichet::outbox
