// Compiled once and shared by every test binary: Catch2's main is slow to build.
// Catch returns the number of failed assertions (up to 255); a result equal to the skip code
// (tests/support/skip.hpp) is moved off it so that 77 failures are never read as "skipped".
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "tests/support/skip.hpp"

int main(int argc, char* argv[]) {
    const int result = Catch::Session().run(argc, argv);
    return result == guichet::test::kSkipExitCode ? result + 1 : result;
}
