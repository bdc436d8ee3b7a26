// Runs the real guichetctl binary as a child process (the crash and CLI tests).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace guichet::test {

std::string guichetctlPath();
// Starts guichetctl with args; stdout to outPath (or /dev/null), stderr appended to errPath.
pid_t spawnCtl(const std::vector<std::string>& args, const std::string& outPath = "", const std::string& errPath = "");
int waitExit(pid_t pid);  // exit status, or 128+signal
// Runs to completion; returns the exit status and fills out with stdout.
int runCtl(const std::vector<std::string>& args, std::string& out, std::string* err = nullptr);

}  // namespace guichet::test
