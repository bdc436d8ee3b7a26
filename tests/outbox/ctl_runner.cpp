#include "tests/outbox/ctl_runner.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/outbox/outbox_fixtures.hpp"

extern char** environ;

namespace guichet::test {

std::string guichetctlPath() { return std::string(GUICHET_BINARY_DIR) + "/kiosk/ctl/guichetctl"; }

pid_t spawnCtl(const std::vector<std::string>& args, const std::string& outPath, const std::string& errPath) {
    std::vector<std::string> argv = {guichetctlPath()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, outPath.empty() ? "/dev/null" : outPath.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, errPath.empty() ? "/dev/null" : errPath.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    pid_t pid = -1;
    if (posix_spawn(&pid, cargv[0], &fa, nullptr, cargv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

int waitExit(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) return -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

int runCtl(const std::vector<std::string>& args, std::string& out, std::string* err) {
    char outTmpl[] = "/tmp/guichetctl-out-XXXXXX";
    char errTmpl[] = "/tmp/guichetctl-err-XXXXXX";
    int o = ::mkstemp(outTmpl), e = ::mkstemp(errTmpl);
    ::close(o);
    ::close(e);
    int rc = waitExit(spawnCtl(args, outTmpl, errTmpl));
    out = readWholeFile(outTmpl);
    if (err) *err = readWholeFile(errTmpl);
    ::unlink(outTmpl);
    ::unlink(errTmpl);
    return rc;
}

}  // namespace guichet::test
