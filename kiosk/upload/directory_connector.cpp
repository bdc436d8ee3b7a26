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

Result<void> writeAllSync(const std::string& path, const std::function<Result<bool>(Bytes&)>& produce) {
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
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return makeError(ErrorCode::Io, path + ": fsync: " + std::strerror(errno));
    return {};
}

void syncDir(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
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
    if (fs::exists(final, ec)) {  // an earlier attempt completed before a crash
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
        r = writeAllSync(staging + "/" + doc["attachments"][i]["file"].get<std::string>(),
                         [&](Bytes& buf) { return reader.next(buf); });
    }
    if (r) {
        std::string text = doc.dump(2) + "\n";
        crypto::wipeJson(doc);
        bool done = false;
        r = writeAllSync(staging + "/submission.json", [&](Bytes& buf) -> Result<bool> {
            if (done) return false;
            buf.assign(text.begin(), text.end());
            done = true;
            return true;
        });
        secureWipe(text);
    }
    sub->wipe();
    crypto::wipeJson(doc);
    if (r) {
        syncDir(staging);
        if (::rename(staging.c_str(), final.c_str()) != 0) r = makeError(ErrorCode::Io, final + ": " + std::strerror(errno));
        else syncDir(cfg_.path);
    }
    if (!r) {
        fs::remove_all(staging, ec);
        out.detail = r.error().message;
        return out;
    }
    out.kind = SendOutcome::Kind::Sent;
    out.remoteId = entry.uuid;
    return out;
}

}  // namespace guichet::upload
