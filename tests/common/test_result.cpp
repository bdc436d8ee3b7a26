#include <catch2/catch.hpp>

#include "drivers/common/result.hpp"

using namespace guichet;

static Result<int> half(int x) {
    if (x % 2) return makeError(ErrorCode::InvalidArgument, "odd");
    return x / 2;
}

TEST_CASE("common.result carries a value or an error", "[common]") {
    auto a = half(4);
    REQUIRE(a.ok());
    CHECK(*a == 2);
    auto b = half(3);
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().code == ErrorCode::InvalidArgument);
    CHECK(b.error().message == "odd");
    CHECK(std::string(errorCodeName(ErrorCode::NoSpace)) == "no-space");
    Result<void> v;
    CHECK(v.ok());
    Result<void> e = makeError(ErrorCode::Timeout, "t");
    CHECK_FALSE(e.ok());
    CHECK(e.error().code == ErrorCode::Timeout);
}
