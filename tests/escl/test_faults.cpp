// Fail points and hostile peers: the connection cut at every interesting offset of a page,
// and "scanners" that answer garbage, truncated XML, or nothing at all. Each must give a
// clear error in bounded time, deliver no partial page, and leave the client usable.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "tests/escl/escl_rig.hpp"

using namespace guichet;
using namespace guichet::escl;
using guichet::test::settingsAt;
using guichet::test::TcpRig;

namespace {

// Accepts one connection, reads the request, answers `reply` verbatim, then closes
// (or keeps silent for `silentMs` when reply is empty).
class RawServer {
public:
    RawServer(std::string reply, int silentMs = 0) : reply_(std::move(reply)), silentMs_(silentMs) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::listen(fd_, 1) == 0);
        socklen_t len = sizeof a;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] {
            int c = ::accept(fd_, nullptr, nullptr);
            if (c < 0) return;
            char buf[4096];
            (void)!::recv(c, buf, sizeof buf, 0);
            if (reply_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(silentMs_));
            else (void)!::send(c, reply_.data(), reply_.size(), MSG_NOSIGNAL);
            ::shutdown(c, SHUT_RDWR);
            ::close(c);
        });
    }
    ~RawServer() {
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        thread_.join();
    }
    int port() const { return port_; }

private:
    std::string reply_;
    int silentMs_;
    int fd_ = -1;
    int port_ = 0;
    std::thread thread_;
};

Result<ScannerCapabilities> capsFrom(RawServer& server, Millis timeout = Millis(2000)) {
    auto stream = TcpStream::connect("127.0.0.1", server.port(), Millis(1000));
    REQUIRE(stream.ok());
    HttpClient::Options o;
    o.ioTimeout = timeout;
    HttpClient http(**stream, o);
    EsclClient client(http);
    return client.capabilities();
}

}  // namespace

TEST_CASE("escl.faults connection cut at every offset of a page: error, no page, then recovery") {
    emu::EmulatorBehaviour b;
    b.date = "2026-11-28";
    TcpRig probe(b);
    std::size_t wireSize = 0;
    {
        auto job = probe.client->createJob(settingsAt(75));
        REQUIRE(job.ok());
        auto page = probe.client->nextDocument(*job);
        REQUIRE(page.ok());
        wireSize = (*page)->size() + 120;  // headers are about this long
    }
    std::vector<std::size_t> cuts = {1, 9, 16, 40, 80, 100, 110, 115, 130, 1000, 4096, 16384, wireSize / 2, wireSize - 200};
    for (std::size_t cut : cuts) {
        INFO("cut after " << cut << " bytes");
        emu::EmulatorBehaviour faulty = b;
        faulty.cutPageAfterBytes = cut;
        TcpRig rig(faulty);
        std::vector<Bytes> pages;
        auto start = Clock::now();
        auto n = rig.client->scan(settingsAt(75), [&](Bytes&& p, int) -> Result<void> {
            pages.push_back(std::move(p));
            return {};
        });
        REQUIRE_FALSE(n.ok());
        CHECK((n.error().code == ErrorCode::Protocol || n.error().code == ErrorCode::Disconnected));
        CHECK(pages.empty());
        CHECK(Clock::now() - start < std::chrono::seconds(3));
        rig.emulator.update([](emu::EmulatorBehaviour& e) { e.cutPageAfterBytes = 0; });
        REQUIRE(rig.client->scan(settingsAt(75), [&](Bytes&& p, int) -> Result<void> {
            pages.push_back(std::move(p));
            return {};
        }).ok());
        CHECK(pages.size() == 1);
    }
}

TEST_CASE("escl.faults peers that are not scanners") {
    struct Case {
        const char* reply;
        ErrorCode expected;
    };
    const Case cases[] = {
        {"SSH-2.0-OpenSSH_9.2\r\n", ErrorCode::Protocol},
        {"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n<scan:ScannerCapabilities", ErrorCode::Protocol},
        {"HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nthis is not xml !!!!", ErrorCode::Protocol},
        {"HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\n<html></html>\r\n", ErrorCode::Protocol},
        {"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n", ErrorCode::Io},
        {"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n", ErrorCode::Rejected},
        {"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", ErrorCode::Protocol},
    };
    for (const auto& c : cases) {
        INFO(c.reply);
        RawServer server(c.reply);
        auto caps = capsFrom(server);
        REQUIRE_FALSE(caps.ok());
        CHECK(caps.error().code == c.expected);
        CHECK_FALSE(caps.error().message.empty());
    }
}

TEST_CASE("escl.faults a peer that never answers times out") {
    RawServer server("", 1500);
    auto start = Clock::now();
    auto caps = capsFrom(server, Millis(300));
    REQUIRE_FALSE(caps.ok());
    CHECK(caps.error().code == ErrorCode::Timeout);
    CHECK(Clock::now() - start < std::chrono::milliseconds(1200));
}
