// Operator URLs and the job Location rewrite (devices put bogus hosts in Location).
#include <catch2/catch.hpp>

#include "drivers/escl/escl_url.hpp"

using namespace guichet::escl;

TEST_CASE("escl.url parses the operator's base URL") {
    auto u = parseEsclUrl("http://127.0.0.1:60000/eSCL");
    REQUIRE(u.ok());
    CHECK(u->host == "127.0.0.1");
    CHECK(u->port == 60000);
    CHECK(u->basePath == "/eSCL");
    auto v6 = parseEsclUrl("http://[::1]:8080/eSCL/");
    REQUIRE(v6.ok());
    CHECK(v6->host == "::1");
    CHECK(v6->basePath == "/eSCL");
    auto noPath = parseEsclUrl("http://scanner.local");
    REQUIRE(noPath.ok());
    CHECK(noPath->port == 80);
    CHECK(noPath->basePath == "/eSCL");
}

TEST_CASE("escl.url rejects what it cannot use, saying why") {
    for (const char* bad : {"https://1.2.3.4/eSCL", "http://:80/eSCL", "http://h:0/eSCL", "http://h:99999/",
                            "http://h:12ab/eSCL", "ftp://x", "", "http://[::1/eSCL"}) {
        INFO(bad);
        auto u = parseEsclUrl(bad);
        REQUIRE_FALSE(u.ok());
        CHECK(u.error().message.find("expected http://HOST:PORT/eSCL") != std::string::npos);
    }
}

TEST_CASE("escl.url job Location: host dropped, relative forms resolved") {
    CHECK(jobPathFromLocation("http://192.168.1.20:8080/eSCL/ScanJobs/17", "/eSCL") == "/eSCL/ScanJobs/17");
    CHECK(jobPathFromLocation("https://HPCB4F69.local.:443/eSCL/ScanJobs/urn:uuid:ab-cd/", "/eSCL") ==
          "/eSCL/ScanJobs/urn:uuid:ab-cd");
    CHECK(jobPathFromLocation("/eSCL/ScanJobs/3", "/eSCL") == "/eSCL/ScanJobs/3");
    CHECK(jobPathFromLocation("ScanJobs/3", "/eSCL") == "/eSCL/ScanJobs/3");
    CHECK(jobPathFromLocation("3", "/eSCL") == "/eSCL/ScanJobs/3");
    CHECK(jobPathFromLocation("", "/eSCL").empty());
    CHECK(jobPathFromLocation("http://host-without-path", "/eSCL").empty());
    CHECK(jobPathFromLocation("/eSCL/ScanJobs/3 x", "/eSCL").empty());
}
