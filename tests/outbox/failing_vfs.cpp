#include "tests/outbox/failing_vfs.hpp"

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <mutex>

namespace guichet::test {
namespace {

sqlite3_vfs* gReal = nullptr;
sqlite3_vfs gVfs;
std::atomic<int> gCount{0}, gNth{0}, gCode{SQLITE_IOERR_WRITE};
std::atomic<bool> gSticky{false}, gFailed{false};

struct ShimFile {
    sqlite3_file base;
    sqlite3_file* real;  // lives just after this struct, in the same allocation
};

sqlite3_file* R(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }

// Returns an error code if this I/O is the one to fail.
int shouldFail(int defaultCode) {
    const int n = ++gCount;
    const int nth = gNth.load();
    if (nth <= 0) return SQLITE_OK;
    if (n == nth || (gSticky && n > nth)) {
        gFailed = true;
        const int code = gCode.load();
        return code == SQLITE_IOERR_WRITE ? defaultCode : code;
    }
    return SQLITE_OK;
}

int xClose(sqlite3_file* f) { return R(f)->pMethods ? R(f)->pMethods->xClose(R(f)) : SQLITE_OK; }
std::atomic<int> gReadFailure{0};
int xRead(sqlite3_file* f, void* b, int n, sqlite3_int64 o) {
    if (int rc = gReadFailure.load()) return rc;
    return R(f)->pMethods->xRead(R(f), b, n, o);
}
int xWrite(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
    if (int rc = shouldFail(SQLITE_IOERR_WRITE)) return rc;
    return R(f)->pMethods->xWrite(R(f), b, n, o);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 s) { return R(f)->pMethods->xTruncate(R(f), s); }
int xSync(sqlite3_file* f, int flags) {
    if (int rc = shouldFail(SQLITE_IOERR_FSYNC)) return rc == SQLITE_FULL ? SQLITE_IOERR_FSYNC : rc;
    return R(f)->pMethods->xSync(R(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* s) { return R(f)->pMethods->xFileSize(R(f), s); }
int xLock(sqlite3_file* f, int l) { return R(f)->pMethods->xLock(R(f), l); }
int xUnlock(sqlite3_file* f, int l) { return R(f)->pMethods->xUnlock(R(f), l); }
int xCheckReservedLock(sqlite3_file* f, int* o) { return R(f)->pMethods->xCheckReservedLock(R(f), o); }
int xFileControl(sqlite3_file* f, int op, void* a) { return R(f)->pMethods->xFileControl(R(f), op, a); }
int xSectorSize(sqlite3_file* f) { return R(f)->pMethods->xSectorSize(R(f)); }
int xDeviceCharacteristics(sqlite3_file* f) { return R(f)->pMethods->xDeviceCharacteristics(R(f)); }
int xShmMap(sqlite3_file* f, int i, int sz, int ext, void volatile** p) { return R(f)->pMethods->xShmMap(R(f), i, sz, ext, p); }
int xShmLock(sqlite3_file* f, int o, int n, int fl) { return R(f)->pMethods->xShmLock(R(f), o, n, fl); }
void xShmBarrier(sqlite3_file* f) { R(f)->pMethods->xShmBarrier(R(f)); }
int xShmUnmap(sqlite3_file* f, int d) { return R(f)->pMethods->xShmUnmap(R(f), d); }
int xFetch(sqlite3_file* f, sqlite3_int64 o, int n, void** p) { return R(f)->pMethods->xFetch(R(f), o, n, p); }
int xUnfetch(sqlite3_file* f, sqlite3_int64 o, void* p) { return R(f)->pMethods->xUnfetch(R(f), o, p); }

const sqlite3_io_methods kMethods = {3, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock, xUnlock,
                                     xCheckReservedLock, xFileControl, xSectorSize, xDeviceCharacteristics,
                                     xShmMap, xShmLock, xShmBarrier, xShmUnmap, xFetch, xUnfetch};

int xOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* outFlags) {
    auto* shim = reinterpret_cast<ShimFile*>(f);
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    std::memset(shim->real, 0, static_cast<std::size_t>(gReal->szOsFile));
    int rc = gReal->xOpen(gReal, name, shim->real, flags, outFlags);
    shim->base.pMethods = shim->real->pMethods ? &kMethods : nullptr;
    return rc;
}

}  // namespace

void registerFailingVfs() {
    static std::once_flag once;
    std::call_once(once, [] {
        gReal = sqlite3_vfs_find(nullptr);
        gVfs = *gReal;
        gVfs.zName = kFailingVfs;
        gVfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + gReal->szOsFile;
        gVfs.xOpen = xOpen;
        sqlite3_vfs_register(&gVfs, 0);
    });
}

void armFailure(int nth, int errorCode, bool sticky) {
    gCount = 0;
    gFailed = false;
    gCode = errorCode;
    gSticky = sticky;
    gNth = nth;
}

void disarmFailure() {
    gNth = 0;
    gCount = 0;
    gSticky = false;
}

void failReads(int errorCode) { gReadFailure = errorCode; }

bool failureHappened() { return gFailed; }
int writesAndSyncsSeen() { return gCount; }

}  // namespace guichet::test
