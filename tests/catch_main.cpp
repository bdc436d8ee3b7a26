// Compiled once and shared by every test binary: Catch2's main is slow to build.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
