// guichetctl scan: the operator's view of the document scanner — capabilities, status, a
// test scan to a file, and the software scanner (emulator) for demos and bench work.
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

#include "drivers/emulators/escl/emulator_tcp_server.hpp"
#include "drivers/escl/escl_client.hpp"
#include "drivers/escl/scanner_connection.hpp"
#include "kiosk/ctl/command_registry.hpp"
#include "kiosk/scan/jpeg_tools.hpp"
#include "kiosk/scan/scan_attachment.hpp"

using namespace guichet;

namespace {

const char* kUsage =
    "usage: guichetctl scan caps   --device D\n"
    "       guichetctl scan status --device D\n"
    "       guichetctl scan --device D [--source platen|feeder] [--color|--gray] [--dpi N] --out FILE\n"
    "       guichetctl scan emulate [--port N] [--feeder-sheets N] [--seconds N]\n"
    "D is auto, usb:VID:PID or an eSCL URL such as http://127.0.0.1:60000/eSCL.\n"
    "FILE ending in .pdf gets every page; .jpg gets the first (FILE-2.jpg... for the others).\n";

int usage(const char* problem) {
    if (problem) std::fprintf(stderr, "guichetctl scan: %s\n", problem);
    std::fputs(kUsage, stderr);
    return 2;
}

int fail(const Error& e) {
    std::fprintf(stderr, "guichetctl scan: %s\n", e.message.c_str());
    return 1;
}

struct Options {
    std::string device;
    std::string out;
    bool feeder = false;
    bool color = true;
    int dpi = 300;
    int port = 60000;
    int feederSheets = 0;
    int seconds = 0;
};

bool parseInt(const std::string& s, int lo, int hi, int& out) {
    try {
        std::size_t used = 0;
        int v = std::stoi(s, &used);
        if (used != s.size() || v < lo || v > hi) return false;
        out = v;
        return true;
    } catch (...) {
        return false;
    }
}

// Writes with mode 0600: a scan may hold a resident's document.
Result<void> writePrivateFile(const std::string& path, const Bytes& data) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return makeError(ErrorCode::Io, path + ": cannot create the file");
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n <= 0) {
            ::close(fd);
            return makeError(ErrorCode::NoSpace, path + ": write failed (disk full?)");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) return makeError(ErrorCode::Io, path + ": close failed");
    return {};
}

struct Session {
    std::unique_ptr<escl::ScannerConnection> connection;
    std::unique_ptr<escl::HttpClient> http;
    std::unique_ptr<escl::EsclClient> client;
};

Result<Session> connect(const std::string& device) {
    auto address = escl::parseScannerAddress(device);
    if (!address) return address.error();
    auto conn = escl::openScanner(*address, nullptr, escl::Millis(5000));
    if (!conn) return conn.error();
    Session s;
    s.connection = std::move(*conn);
    escl::HttpClient::Options o;
    o.hostHeader = s.connection->hostHeader;
    s.http = std::make_unique<escl::HttpClient>(s.connection->jobStream(), o);
    s.client = std::make_unique<escl::EsclClient>(*s.http, escl::EsclClient::Options{s.connection->basePath, {}});
    return s;
}

volatile std::sig_atomic_t gStop = 0;

int runEmulate(const Options& o) {
    emu::EmulatorBehaviour b;
    b.feederSheets = o.feederSheets;
    emu::EsclEmulator emulator(b);
    auto server = emu::EmulatorTcpServer::start(emulator, o.port);
    if (!server) return fail(server.error());
    std::printf("eSCL emulator at %s (Ctrl-C to stop)\n", (*server)->baseUrl().c_str());
    std::fflush(stdout);
    std::signal(SIGINT, [](int) { gStop = 1; });
    std::signal(SIGTERM, [](int) { gStop = 1; });
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(o.seconds);
    while (!gStop && (o.seconds == 0 || std::chrono::steady_clock::now() < end))
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    (*server)->stop();
    std::printf("served %d pages\n", emulator.stats().pagesServed);
    return 0;
}

int runScan(const Options& o) {
    auto s = connect(o.device);
    if (!s) return fail(s.error());
    auto caps = s->client->capabilities();
    if (!caps) return fail(caps.error());
    escl::ScanSettings settings;
    settings.source = o.feeder ? escl::InputSource::Feeder : escl::InputSource::Platen;
    const escl::InputCaps* in = caps->input(settings.source);
    if (!in) return fail(makeError(ErrorCode::NotSupported, o.feeder ? "this scanner has no feeder" : "this scanner has no flatbed"));
    settings.colorMode = o.color ? escl::ColorMode::RGB24 : escl::ColorMode::Grayscale8;
    settings.xResolution = settings.yResolution = in->nearestResolution(o.dpi);
    if (in->maxWidth > 0) settings.width = std::min(settings.width, in->maxWidth);
    if (in->maxHeight > 0) settings.height = std::min(settings.height, in->maxHeight);
    std::vector<ScannedPage> pages;
    auto n = s->client->scan(settings, [&](Bytes&& jpeg, int index) -> Result<void> {
        auto info = scan::inspectJpeg(jpeg);
        if (!info) return info.error();
        std::fprintf(stderr, "page %d: %dx%d, %zu bytes\n", index + 1, info->width, info->height, jpeg.size());
        pages.push_back(ScannedPage{std::move(jpeg), info->width, info->height, settings.xResolution});
        return {};
    });
    if (!n) {
        std::fprintf(stderr, "guichetctl scan: scanner condition: %s\n", escl::scannerConditionName(s->client->lastCondition()));
        return fail(n.error());
    }
    const bool pdf = o.out.size() > 4 && o.out.compare(o.out.size() - 4, 4, ".pdf") == 0;
    if (pdf) {
        scan::AttachmentPolicy policy;
        policy.maxBytes = SIZE_MAX;
        auto a = scan::makeScanAttachment(pages, policy);
        if (!a) return fail(a.error());
        if (auto w = writePrivateFile(o.out, a->data); !w) return fail(w.error());
    } else {
        for (std::size_t i = 0; i < pages.size(); ++i) {
            std::string path = o.out;
            if (i > 0) {
                auto dot = path.rfind('.');
                path = path.substr(0, dot) + "-" + std::to_string(i + 1) + (dot == std::string::npos ? "" : path.substr(dot));
            }
            if (auto w = writePrivateFile(path, pages[i].jpeg); !w) return fail(w.error());
        }
    }
    std::printf("%d page(s) from %s at %d dpi written to %s\n", *n, s->connection->id.c_str(), settings.xResolution,
                o.out.c_str());
    for (auto& p : pages) secureWipe(p.jpeg);
    return 0;
}

int runScanCommand(const ctl::Args& args) {
    std::string sub;
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> const std::string* {
            if (i + 1 >= args.size()) return nullptr;
            (void)name;
            return &args[++i];
        };
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a == "--device") {
            auto v = value("--device");
            if (!v) return usage("--device needs a value");
            o.device = *v;
        } else if (a == "--out") {
            auto v = value("--out");
            if (!v) return usage("--out needs a file name");
            o.out = *v;
        } else if (a == "--source") {
            auto v = value("--source");
            if (!v || (*v != "platen" && *v != "feeder")) return usage("--source is platen or feeder");
            o.feeder = *v == "feeder";
        } else if (a == "--color" || a == "--colour") {
            o.color = true;
        } else if (a == "--gray" || a == "--grey") {
            o.color = false;
        } else if (a == "--dpi") {
            auto v = value("--dpi");
            if (!v || !parseInt(*v, 50, 1200, o.dpi)) return usage("--dpi takes a number from 50 to 1200");
        } else if (a == "--port") {
            auto v = value("--port");
            if (!v || !parseInt(*v, 0, 65535, o.port)) return usage("--port takes a number from 0 to 65535");
        } else if (a == "--feeder-sheets") {
            auto v = value("--feeder-sheets");
            if (!v || !parseInt(*v, 0, 500, o.feederSheets)) return usage("--feeder-sheets takes a number from 0 to 500");
        } else if (a == "--seconds") {
            auto v = value("--seconds");
            if (!v || !parseInt(*v, 0, 86400, o.seconds)) return usage("--seconds takes a number of seconds");
        } else if (sub.empty() && (a == "caps" || a == "status" || a == "emulate")) {
            sub = a;
        } else {
            return usage(("unexpected argument '" + a + "'").c_str());
        }
    }
    if (sub == "emulate") return runEmulate(o);
    if (o.device.empty()) return usage("--device is required");
    if (sub == "caps") {
        auto s = connect(o.device);
        if (!s) return fail(s.error());
        auto caps = s->client->capabilities();
        if (!caps) return fail(caps.error());
        std::printf("device: %s\n%s", s->connection->id.c_str(), escl::describeCapabilities(*caps).c_str());
        return 0;
    }
    if (sub == "status") {
        auto s = connect(o.device);
        if (!s) return fail(s.error());
        auto st = s->client->status();
        if (!st) return fail(st.error());
        std::printf("device: %s\nstate: %s\nfeeder: %s%s\n", s->connection->id.c_str(), escl::scannerStateName(st->state),
                    escl::adfStateName(st->adf), st->adfStateText.empty() ? "" : (" (" + st->adfStateText + ")").c_str());
        return 0;
    }
    if (o.out.empty()) return usage("--out FILE is required to scan");
    return runScan(o);
}

}  // namespace

GUICHETCTL_COMMAND("scan", "document scanner: caps, status, scan to a file, emulate", runScanCommand);
