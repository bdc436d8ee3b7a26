#include "kiosk/crypto/json_wipe.hpp"
#include "kiosk/upload/directory_connector.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <functional>
#include <cstring>
#include <filesystem>

namespace guichet::upload {
namespace fs = std::filesystem;

namespace {

// Writes a file; fsyncs it unless the caller syncs the whole share later (a batch).
Result<void> writeAll(const std::string& path, const std::function<Result<bool>(Bytes&)>& produce, bool sync) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return makeError(ErrorCode::Io, path + ": " + std::strerror(errno));
    Bytes buf;
    for (;;) {
        buf.clear();
        auto more = produce(buf);
        if (!more) {
            ::close(fd);
            return more.error();
        }
        std::size_t off = 0;
        while (off < buf.size()) {
            ssize_t w = ::write(fd, buf.data() + off, buf.size() - off);
            if (w < 0) {
                if (errno == EINTR) continue;
                Error e = makeError(errno == ENOSPC ? ErrorCode::NoSpace : ErrorCode::Io, path + ": " + std::strerror(errno));
                secureWipe(buf);
                ::close(fd);
                return e;
            }
            off += static_cast<std::size_t>(w);
        }
        secureWipe(buf.data(), buf.size());
        if (!*more) break;
    }
    int rc = sync ? ::fsync(fd) : 0;
    const int syncErrno = errno;
    if (::close(fd) != 0 && rc == 0) return makeError(ErrorCode::Io, path + ": close: " + std::strerror(errno));
    if (rc != 0) return makeError(ErrorCode::Io, path + ": fsync: " + std::strerror(syncErrno));
    return {};
}

Result<void> syncDir(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return makeError(ErrorCode::Io, dir + ": " + std::strerror(errno));
    const int rc = ::fsync(fd);
    const int e = errno;
    ::close(fd);
    if (rc != 0) return makeError(ErrorCode::Io, dir + ": fsync: " + std::strerror(e));
    return {};
}

// Everything written to the share's file system reaches its disk (or its server): data,
// the new files' names in their folders. One call for a whole batch of folders.
Result<void> syncShare(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return makeError(ErrorCode::Io, dir + ": " + std::strerror(errno));
    const int rc = ::syncfs(fd);
    const int e = errno;
    ::close(fd);
    if (rc != 0) return makeError(ErrorCode::Io, dir + ": syncfs: " + std::strerror(e));
    return {};
}

}  // namespace

std::string safeFileName(const std::string& name) {
    std::string out;
    for (unsigned char c : name)
        out.push_back(std::isalnum(c) || c == '.' || c == '-' || c == '_' ? static_cast<char>(c) : '_');
    while (!out.empty() && out.front() == '.') out.erase(out.begin());
    if (out.empty()) out = "piece";
    return out.substr(0, 100);
}

bool DirectoryConnector::reachable() {
    struct stat st {};
    return ::stat(cfg_.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && ::access(cfg_.path.c_str(), W_OK) == 0;
}

SendOutcome DirectoryConnector::send(outbox::OutboxStore& store, const outbox::Entry& entry) {
    SendOutcome out;
    const std::string final = cfg_.path + "/" + entry.uuid;
    const std::string staging = cfg_.path + "/.incoming-" + entry.uuid;
    std::error_code ec;
    if (fs::exists(final, ec)) {  // an earlier attempt completed (or was renamed) before a crash
        (void)syncDir(cfg_.path);  // the rename may not have reached the disk yet
        out.kind = SendOutcome::Kind::Sent;
        out.remoteId = entry.uuid;
        out.detail = "already in the folder";
        return out;
    }
    if (!reachable()) {
        out.offline = true;
        out.detail = cfg_.path + ": folder not reachable or not writable";
        return out;
    }
    auto sub = store.loadSubmission(entry);
    if (!sub) return loadFailure(sub.error());  // corrupt or gone: rejected; busy, I/O: retried
    fs::remove_all(staging, ec);
    if (!fs::create_directory(staging, ec)) {
        out.detail = staging + ": " + ec.message();
        sub->wipe();
        return out;
    }
    auto metas = store.attachments(entry.id);
    nlohmann::json doc = sub->toJson();
    for (std::size_t i = 0; i < metas.size() && i < doc["attachments"].size(); ++i) {
        doc["attachments"][i]["size"] = metas[i].size;
        doc["attachments"][i]["file"] =
            std::to_string(metas[i].index + 1) + "-" + safeFileName(sub->attachments[i].name);
    }

    Result<void> r;
    for (std::size_t i = 0; r && i < metas.size(); ++i) {
        auto reader = store.openAttachment(entry, metas[i]);
        r = writeAll(staging + "/" + doc["attachments"][i]["file"].get<std::string>(),
                     [&](Bytes& buf) { return reader.next(buf); }, !inBatch_);
    }
    if (r) {
        std::string text = doc.dump(2) + "\n";
        crypto::wipeJson(doc);
        bool done = false;
        r = writeAll(staging + "/submission.json", [&](Bytes& buf) -> Result<bool> {
            if (done) return false;
            buf.assign(text.begin(), text.end());
            done = true;
            return true;
        }, !inBatch_);
        secureWipe(text);
    }
    sub->wipe();
    crypto::wipeJson(doc);
    if (r && inBatch_) {  // renamed by finishBatch, once the share is synced
        pending_.push_back({entry.uuid, staging, final});
        out.kind = SendOutcome::Kind::Sent;
        out.remoteId = entry.uuid;
        return out;
    }
    if (r) r = syncDir(staging);
    if (r && ::rename(staging.c_str(), final.c_str()) != 0) r = makeError(ErrorCode::Io, final + ": " + std::strerror(errno));
    if (r) r = syncDir(cfg_.path);
    if (!r) {
        fs::remove_all(staging, ec);
        out.detail = r.error().message;
        return out;
    }
    out.kind = SendOutcome::Kind::Sent;
    out.remoteId = entry.uuid;
    return out;
}

void DirectoryConnector::beginBatch() {
    inBatch_ = true;
    pending_.clear();
}

std::vector<BatchFailure> DirectoryConnector::finishBatch() {
    inBatch_ = false;
    std::vector<BatchFailure> failed;
    std::vector<Pending> pending = std::move(pending_);
    pending_.clear();
    if (pending.empty()) return failed;
    std::error_code ec;
    // 1. The folders' files and names on disk, before any of them gets its visible name.
    if (auto synced = syncShare(cfg_.path); !synced) {
        for (const auto& p : pending) {
            fs::remove_all(p.staging, ec);
            failed.push_back({p.uuid, synced.error().message});
        }
        return failed;
    }
    // 2. The visible names, then the share's folder on disk: only then are they "sent".
    std::vector<const Pending*> renamed;
    for (const auto& p : pending) {
        if (::rename(p.staging.c_str(), p.final.c_str()) != 0) {
            failed.push_back({p.uuid, p.final + ": " + std::strerror(errno)});
            fs::remove_all(p.staging, ec);
        } else {
            renamed.push_back(&p);
        }
    }
    if (auto synced = syncDir(cfg_.path); !synced)  // next attempt finds the folder and syncs again
        for (const auto* p : renamed) failed.push_back({p->uuid, synced.error().message});
    return failed;
}

}  // namespace guichet::upload
