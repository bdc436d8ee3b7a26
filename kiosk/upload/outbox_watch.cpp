#include "kiosk/upload/outbox_watch.hpp"

#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace guichet::upload {

Result<std::unique_ptr<OutboxWatch>> OutboxWatch::start(const std::string& dbPath, std::function<void()> changed) {
    std::filesystem::path p = std::filesystem::absolute(dbPath);
    int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (in < 0) return makeError(ErrorCode::Io, std::string("inotify: ") + std::strerror(errno));
    // The folder, not the files: the WAL is created and deleted as SQLite pleases.
    if (inotify_add_watch(in, p.parent_path().c_str(), IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) < 0) {
        int e = errno;
        ::close(in);
        return makeError(ErrorCode::Io, "inotify on " + p.parent_path().string() + ": " + std::strerror(e));
    }
    int stop = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (stop < 0) {
        ::close(in);
        return makeError(ErrorCode::Io, std::string("eventfd: ") + std::strerror(errno));
    }
    std::unique_ptr<OutboxWatch> w(new OutboxWatch(in, stop, p.filename().string(), std::move(changed)));
    try {
        w->thread_ = std::thread([raw = w.get()] { raw->run(); });
    } catch (const std::system_error& e) {
        return makeError(ErrorCode::Io, std::string("outbox watch: ") + e.what());
    }
    pthread_setname_np(w->thread_.native_handle(), "outbox-watch");
    return w;
}

OutboxWatch::OutboxWatch(int inotifyFd, int stopFd, std::string dbName, std::function<void()> changed)
    : inotify_(inotifyFd), stop_(stopFd), dbName_(std::move(dbName)), changed_(std::move(changed)) {}

OutboxWatch::~OutboxWatch() {
    if (thread_.joinable()) {
        std::uint64_t one = 1;
        (void)!::write(stop_, &one, sizeof one);
        thread_.join();
    }
    ::close(inotify_);
    ::close(stop_);
}

void OutboxWatch::run() {
    alignas(inotify_event) char buf[4096];
    for (;;) {
        pollfd fds[2] = {{inotify_, POLLIN, 0}, {stop_, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (fds[1].revents) return;
        bool ours = false;
        for (;;) {
            ssize_t n = ::read(inotify_, buf, sizeof buf);
            if (n <= 0) break;
            for (char* p = buf; p < buf + n;) {
                auto* ev = reinterpret_cast<inotify_event*>(p);
                if (ev->len && std::strncmp(ev->name, dbName_.c_str(), dbName_.size()) == 0 &&
                    (ev->name[dbName_.size()] == 0 || std::strcmp(ev->name + dbName_.size(), "-wal") == 0))
                    ours = true;
                p += sizeof(inotify_event) + ev->len;
            }
        }
        if (ours && changed_) changed_();
    }
}

}  // namespace guichet::upload
