// A test case that cannot run here (not root, no openssl, no espeak-ng voice) is reported by
// ctest as SKIPPED, never as passed: GUICHET_SKIP ends the test binary with kSkipExitCode,
// which guichet_add_test declares as SKIP_RETURN_CODE (ctest runs one test case per process).
// CI runs as root with every package and sets GUICHET_NO_SKIP=1: there a skip is a failure.
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace guichet::test {

inline constexpr int kSkipExitCode = 77;  // catch_main.cpp keeps Catch's own codes off it

inline bool skipsForbidden() {
    const char* v = std::getenv("GUICHET_NO_SKIP");
    return v && *v && std::string(v) != "0";
}

[[noreturn]] inline void skipNow(const std::string& why) {
    std::printf("SKIPPED: %s\n", why.c_str());
    std::fflush(stdout);
    std::_Exit(kSkipExitCode);
}

}  // namespace guichet::test

#define GUICHET_SKIP(why)                                                                              \
    do {                                                                                               \
        if (::guichet::test::skipsForbidden()) FAIL("cannot run here and GUICHET_NO_SKIP is set: " << why); \
        ::guichet::test::skipNow(why);                                                                 \
    } while (0)
