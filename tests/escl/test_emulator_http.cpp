// The emulated scanner as HTTP/1.1 peers expect (curl, sane-airscan, SANE's escl backend):
// "Connection: close" ends the connection after the answer (RFC 9112 §9.6), "Expect:
// 100-continue" gets its interim answer before the body is sent (RFC 9110 §10.1.1), and a
// scan region's offsets choose which part of the sheet is scanned.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "tests/escl/escl_rig.hpp"

using namespace guichet;
using guichet::test::settingsAt;
using guichet::test::TcpRig;

namespace {

struct RawClient {
    int fd = -1;
    explicit RawClient(int port) {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    }
    ~RawClient() { ::close(fd); }
    void send(const std::string& s) { REQUIRE(::send(fd, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size())); }
    // Reads until `until` appears, the peer closes, or the time is up; eof tells which.
    std::string read(const std::string& until, int timeoutMs, bool& eof) {
        std::string got;
        eof = false;
        auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (std::chrono::steady_clock::now() < end && (until.empty() || got.find(until) == std::string::npos)) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) continue;
            char buf[4096];
            ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) {
                eof = true;
                break;
            }
            got.append(buf, static_cast<std::size_t>(n));
        }
        return got;
    }
};

Bytes decodeGray(const Bytes& jpeg, int& w, int& h) {
    tjhandle tj = tjInitDecompress();
    int sub = 0, cs = 0;
    REQUIRE(tjDecompressHeader3(tj, jpeg.data(), static_cast<unsigned long>(jpeg.size()), &w, &h, &sub, &cs) == 0);
    Bytes px(static_cast<std::size_t>(w) * h);
    REQUIRE(tjDecompress2(tj, jpeg.data(), static_cast<unsigned long>(jpeg.size()), px.data(), w, 0, h, TJPF_GRAY, 0) == 0);
    tjDestroy(tj);
    return px;
}

}  // namespace

TEST_CASE("escl.emulator Connection: close ends the connection after the answer") {
    TcpRig rig;
    RawClient c(rig.server->port());
    // A second request pipelined after the "close" one must not be answered.
    c.send("GET /eSCL/ScannerStatus HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
           "GET /eSCL/ScannerStatus HTTP/1.1\r\nHost: x\r\n\r\n");
    bool eof = false;
    std::string got = c.read("", 3000, eof);
    CHECK(eof);  // closed by the server, not by our timeout
    CHECK(got.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(got.find("Connection: close\r\n") != std::string::npos);
    CHECK(got.find("HTTP/1.1", 5) == std::string::npos);  // one answer only
}

TEST_CASE("escl.emulator Expect: 100-continue is answered before the body is sent") {
    TcpRig rig;
    RawClient c(rig.server->port());
    const std::string body = escl::scanSettingsXml(settingsAt(75));
    c.send("POST /eSCL/ScanJobs HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nExpect: 100-continue\r\n"
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n");
    bool eof = false;
    auto t0 = std::chrono::steady_clock::now();
    std::string interim = c.read("\r\n\r\n", 900, eof);  // curl would give up waiting after 1 s
    CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(900));
    c.send(body);
    std::string final = c.read("\r\n\r\n", 3000, eof);
    CHECK(final.rfind("HTTP/1.1 201", 0) == 0);
}

TEST_CASE("escl.emulator a scan region's offsets choose the part of the sheet") {
    // The sheet has a black frame at its edges. A region at the top left shows the frame's
    // corner; the same size 3 cm in shows none of it.
    TcpRig rig;
    auto scanRegion = [&](int xOff, int yOff) {
        auto s = settingsAt(75, escl::InputSource::Platen, escl::ColorMode::Grayscale8);
        s.width = 600;
        s.height = 600;
        s.xOffset = xOff;
        s.yOffset = yOff;
        Bytes page;
        auto n = rig.client->scan(s, [&](Bytes&& p, int) -> Result<void> {
            page = std::move(p);
            return {};
        });
        REQUIRE(n.ok());
        return page;
    };
    // Dark pixels in the region's first column and first row.
    auto darkEdges = [](const Bytes& px, int w, int h) {
        int n = 0;
        for (int y = 0; y < h; ++y) n += px[static_cast<std::size_t>(y) * w] < 128;
        for (int x = 0; x < w; ++x) n += px[static_cast<std::size_t>(x)] < 128;
        return n;
    };
    int w = 0, h = 0;
    auto corner = decodeGray(scanRegion(0, 0), w, h);
    REQUIRE(w == 150);
    REQUIRE(h == 150);
    CHECK(darkEdges(corner, w, h) > 280);  // the frame along both edges
    auto inside = decodeGray(scanRegion(360, 1800), w, h);
    REQUIRE(w == 150);
    REQUIRE(h == 150);
    CHECK(darkEdges(inside, w, h) < 150);  // paper and a few lines of text, no frame
    // And it is not the corner redrawn: the two regions differ.
    CHECK(inside != corner);
}
