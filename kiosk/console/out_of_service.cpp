#include "kiosk/console/out_of_service.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace guichet::console {

std::string outOfServicePath(const std::string& stateDir) {
    return (std::filesystem::path(stateDir.empty() ? "." : stateDir) / "out-of-service").string();
}

bool readOutOfService(const std::string& stateDir) {
    std::error_code ec;
    return std::filesystem::exists(outOfServicePath(stateDir), ec);
}

Result<void> writeOutOfService(const std::string& stateDir, bool on) {
    const std::string path = outOfServicePath(stateDir);
    if (!on) {
        if (::unlink(path.c_str()) != 0 && errno != ENOENT)
            return makeError(ErrorCode::Io, path + ": cannot remove: " + std::strerror(errno));
    } else {
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0) return makeError(ErrorCode::Io, path + ": cannot create: " + std::strerror(errno));
        const char text[] = "set by the operator console; delete this file (or use the console) to reopen\n";
        bool ok = ::write(fd, text, sizeof text - 1) == static_cast<ssize_t>(sizeof text - 1) && ::fsync(fd) == 0;
        int err = errno;
        ::close(fd);
        if (!ok) return makeError(ErrorCode::Io, path + ": cannot write: " + std::strerror(err));
    }
    // The directory entry too: the switch must survive a power cut right after.
    int dir = ::open(std::filesystem::path(path).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

}  // namespace guichet::console
