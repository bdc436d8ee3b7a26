// A scanner on the bench for the job-flow tests: the emulator served on real TCP loopback,
// and the real client stack (TcpStream → HttpClient → EsclClient) pointed at it.
#pragma once

#include <catch2/catch.hpp>

#include <memory>

#include <turbojpeg.h>

#include "drivers/emulators/escl/emulator_tcp_server.hpp"
#include "drivers/escl/escl_client.hpp"
#include "drivers/escl/tcp_stream.hpp"

namespace guichet::test {

struct TcpRig {
    emu::EsclEmulator emulator;
    std::unique_ptr<emu::EmulatorTcpServer> server;
    std::unique_ptr<escl::TcpStream> stream;
    std::unique_ptr<escl::HttpClient> http;
    std::unique_ptr<escl::EsclClient> client;

    explicit TcpRig(emu::EmulatorBehaviour b = {}, escl::Millis ioTimeout = escl::Millis(5000),
                    escl::RetryPolicy retry = {5, escl::Millis(10)})
        : emulator(std::move(b)) {
        auto s = emu::EmulatorTcpServer::start(emulator);
        REQUIRE(s.ok());
        server = std::move(*s);
        auto t = escl::TcpStream::connect("127.0.0.1", server->port(), escl::Millis(2000));
        REQUIRE(t.ok());
        stream = std::move(*t);
        escl::HttpClient::Options o;
        o.ioTimeout = ioTimeout;
        http = std::make_unique<escl::HttpClient>(*stream, o);
        escl::EsclClient::Options co;
        co.retry = retry;
        client = std::make_unique<escl::EsclClient>(*http, co);
    }
};

struct JpegInfo {
    int width = 0, height = 0, colorspace = -1;
};

inline JpegInfo jpegInfo(const Bytes& jpeg) {
    JpegInfo info;
    tjhandle tj = tjInitDecompress();
    int subsamp = 0;
    if (tjDecompressHeader3(tj, jpeg.data(), static_cast<unsigned long>(jpeg.size()), &info.width, &info.height,
                            &subsamp, &info.colorspace) != 0)
        info = {};
    tjDestroy(tj);
    return info;
}

inline escl::ScanSettings settingsAt(int dpi, escl::InputSource source = escl::InputSource::Platen,
                                     escl::ColorMode mode = escl::ColorMode::RGB24) {
    escl::ScanSettings s;
    s.xResolution = s.yResolution = dpi;
    s.source = source;
    s.colorMode = mode;
    return s;
}

}  // namespace guichet::test
