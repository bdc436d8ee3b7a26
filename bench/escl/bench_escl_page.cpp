// bench_escl: time and peak memory to receive and store a 300 dpi colour A4 page, against
// the size of the data. The scanner (emulator) runs in a child process over TCP loopback
// so that the client's memory is measured alone; peak RSS is reset before each page
// (/proc/self/clear_refs "5") and read back as VmHWM.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <malloc.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "drivers/emulators/escl/emulated_ippusb_interface.hpp"
#include "drivers/emulators/escl/emulator_tcp_server.hpp"
#include "drivers/emulators/escl/test_page.hpp"
#include "drivers/escl/escl_client.hpp"
#include "drivers/escl/tcp_stream.hpp"
#include "drivers/escl/usb_stream.hpp"
#include "kiosk/scan/scanned_document.hpp"

using namespace guichet;
using Clock = std::chrono::steady_clock;

namespace {

long statusKb(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field)));
    }
    return -1;
}

void resetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Child {
    pid_t pid = -1;
    int port = 0;
    int keepAlive = -1;  // closing it tells the child to stop
};

// The scanner in its own process: same page bytes every time (rendered once).
Child startScanner(int quality, int grain, std::size_t chunk) {
    int portPipe[2], stopPipe[2];
    if (pipe(portPipe) != 0 || pipe(stopPipe) != 0) std::exit(1);
    pid_t pid = fork();
    if (pid == 0) {
        close(portPipe[0]);
        close(stopPipe[1]);
        emu::EmulatorBehaviour b;
        b.jpegQuality = quality;
        b.chunkSize = chunk;
        b.paperGrain = grain;
        b.reuseRenderedPage = true;
        emu::EsclEmulator emulator(b);
        auto server = emu::EmulatorTcpServer::start(emulator);
        if (!server) _exit(1);
        int port = (*server)->port();
        (void)!write(portPipe[1], &port, sizeof port);
        char c;
        (void)!read(stopPipe[0], &c, 1);  // returns when the parent closes its end
        (*server)->stop();
        _exit(0);
    }
    close(portPipe[1]);
    close(stopPipe[0]);
    Child child{pid, 0, stopPipe[1]};
    if (read(portPipe[0], &child.port, sizeof child.port) != sizeof child.port) std::exit(1);
    close(portPipe[0]);
    return child;
}

void stopScanner(Child& c) {
    close(c.keepAlive);
    waitpid(c.pid, nullptr, 0);
}

escl::ScanSettings a4ColourAt300() {
    escl::ScanSettings s;  // defaults: platen, RGB24, 300 dpi, 2480 x 3508
    return s;
}

struct Row {
    std::string label;
    std::size_t pageBytes = 0;
    double receiveMs = 0;
    long peakKb = 0;      // receiving one page and keeping it
    long tenPagesKb = 0;  // ten pages in a row, each wiped after use
    double storeMs = 0;   // page -> PDF attachment (the "store" step)
    long storePeakKb = 0;
};

Row runTcp(const char* label, int quality, int grain, std::size_t chunk, int pages) {
    Child child = startScanner(quality, grain, chunk);
    Row row{label};
    auto stream = escl::TcpStream::connect("127.0.0.1", child.port, escl::Millis(2000));
    if (!stream) std::exit(1);
    escl::HttpClient http(**stream);
    escl::EsclClient client(http);
    auto settings = a4ColourAt300();
    // Warm-up: the child renders and caches the page, our buffers get their size.
    {
        std::vector<ScannedPage> warm;
        (void)client.scan(settings, [&](Bytes&& p, int) -> Result<void> {
            warm.push_back(ScannedPage{std::move(p), 2480, 3508, 300});
            return {};
        });
        for (auto& p : warm) secureWipe(p.jpeg);
    }
    std::vector<double> times;
    scan::ScannedDocument keep;
    for (int i = 0; i < pages; ++i) {
        if (i == 1) resetPeak();  // page 0 measured alone below
        const long before = statusKb("VmRSS:");
        if (i == 0) resetPeak();
        std::vector<ScannedPage> got;
        auto t0 = Clock::now();
        auto n = client.scan(settings, [&](Bytes&& p, int) -> Result<void> {
            got.push_back(ScannedPage{std::move(p), 2480, 3508, 300});
            return {};
        });
        auto t1 = Clock::now();
        if (!n || got.empty()) {
            std::fprintf(stderr, "scan failed: %s\n", n ? "no page" : n.error().message.c_str());
            std::exit(1);
        }
        times.push_back(ms(t1 - t0));
        row.pageBytes = got[0].jpeg.size();
        if (i == 0) {
            row.peakKb = statusKb("VmHWM:") - before;
            keep.setPending(std::move(got));
            keep.keepPending();
            resetPeak();
            const long storeBefore = statusKb("VmRSS:");
            auto s0 = Clock::now();
            auto a = keep.toAttachment(scan::AttachmentPolicy{});
            row.storeMs = ms(Clock::now() - s0);
            row.storePeakKb = statusKb("VmHWM:") - storeBefore;
            if (!a) std::exit(1);
            secureWipe(a->data);
            keep.wipe();
        } else {
            for (auto& p : got) secureWipe(p.jpeg);
        }
    }
    row.tenPagesKb = statusKb("VmHWM:") - statusKb("VmRSS:");
    row.receiveMs = median(times);
    stopScanner(child);
    return row;
}

// The IPP-over-USB byte path (16 KiB bulk reads, HTTP parsing) with the emulated interface
// in-process: time only (the emulator's own buffers would pollute a memory figure).
double runUsbEmulated(int quality, int pages, std::size_t& bytes) {
    emu::EmulatorBehaviour b;
    b.jpegQuality = quality;
    b.reuseRenderedPage = true;
    emu::EsclEmulator emulator(b);
    auto iface = std::make_shared<emu::EmulatedIppUsbInterface>(emulator, 1);
    escl::UsbStream stream(iface, 1, "bench");
    escl::HttpClient http(stream);
    escl::EsclClient client(http);
    std::vector<double> times;
    for (int i = 0; i <= pages; ++i) {
        Bytes page;
        auto t0 = Clock::now();
        auto n = client.scan(a4ColourAt300(), [&](Bytes&& p, int) -> Result<void> {
            page = std::move(p);
            return {};
        });
        if (!n) std::exit(1);
        if (i > 0) times.push_back(ms(Clock::now() - t0));  // i == 0 renders the page
        bytes = page.size();
        secureWipe(page);
    }
    return median(times);
}

// CPU cost of our HTTP parsing per byte, against copying the same bytes.
void parserVsMemcpy(std::size_t pageBytes) {
    Bytes body(pageBytes, 0x5A);
    Bytes wire = escl::serializeResponse(200, "OK", {{"Content-Type", "image/jpeg"}}, body, 16 * 1024);
    const int rounds = 50;
    auto t0 = Clock::now();
    for (int r = 0; r < rounds; ++r) {
        escl::HttpParser p(escl::HttpParser::Kind::Response);
        for (std::size_t at = 0; at < wire.size(); at += 16 * 1024) {
            auto n = std::min<std::size_t>(16 * 1024, wire.size() - at);
            (void)p.feed(std::span<const std::uint8_t>(wire.data() + at, n));
        }
        if (!p.done()) std::exit(1);
        auto m = p.take();
        if (m.body.size() != body.size()) std::exit(1);
    }
    double parseMs = ms(Clock::now() - t0) / rounds;
    auto t1 = Clock::now();
    for (int r = 0; r < rounds; ++r) {
        Bytes copy;
        copy.reserve(body.size());
        copy.insert(copy.end(), wire.begin(), wire.begin() + static_cast<std::ptrdiff_t>(body.size()));
        if (copy[r % copy.size()] != 0x5A && copy[0] == 0) std::exit(1);
    }
    double copyMs = ms(Clock::now() - t1) / rounds;
    std::printf("\nHTTP parsing of a %.2f MiB chunked page (16 KiB reads): %.2f ms; memcpy of the same bytes: %.2f ms "
                "(ratio %.1fx)\n", pageBytes / 1048576.0, parseMs, copyMs, parseMs / copyMs);
}

}  // namespace

int main(int argc, char** argv) {
    // Big buffers always come from mmap and go back on free: RSS then follows what is
    // really held (glibc's adaptive threshold would otherwise hide reuse inside the heap).
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024);
    int pages = argc > 1 ? std::max(3, std::atoi(argv[1])) : 10;
    std::printf("bench_escl: one 300 dpi colour A4 page (2480 x 3508), %d pages per row, medians\n\n", pages);
    std::vector<Row> rows;
    rows.push_back(runTcp("clean page, Content-Length", 85, 0, 0, pages));
    rows.push_back(runTcp("clean page, chunked 16 KiB", 85, 0, 16 * 1024, pages));
    rows.push_back(runTcp("paper grain 6, Content-Length", 85, 6, 0, pages));
    rows.push_back(runTcp("paper grain 6, chunked 16 KiB", 85, 6, 16 * 1024, pages));
    rows.push_back(runTcp("paper grain 12 q92, chunked", 92, 12, 16 * 1024, pages));
    std::printf("%-31s %9s %10s %9s %12s %11s %10s %12s\n", "path", "page KiB", "receive ms", "MiB/s",
                "peak/page", "10 pages", "to PDF ms", "PDF peak/page");
    for (const auto& r : rows) {
        const double kib = r.pageBytes / 1024.0;
        std::printf("%-31s %9.0f %10.1f %9.1f %11.2fx %10.2fx %10.1f %11.2fx\n", r.label.c_str(), kib, r.receiveMs,
                    kib / 1024.0 / (r.receiveMs / 1000.0), r.peakKb / kib, r.tenPagesKb / kib, r.storeMs, r.storePeakKb / kib);
    }
    std::size_t usbBytes = 0;
    double usbMs = runUsbEmulated(85, pages, usbBytes);
    std::printf("\nIPP-over-USB byte path (emulated interface, 16 KiB bulk reads), q85: %.1f ms for %.0f KiB "
                "(%.1f MiB/s; USB 2.0 bulk moves ~35 MiB/s, i.e. ~%.0f ms for this page)\n",
                usbMs, usbBytes / 1024.0, usbBytes / 1048576.0 / (usbMs / 1000.0), usbBytes / 1048576.0 / 35.0 * 1000.0);
    parserVsMemcpy(rows[0].pageBytes);
    std::printf("\npeak/page = peak RSS growth while receiving one page and keeping it, divided by the page size;\n"
                "10 pages = peak growth over ten pages received one after the other (each wiped after use);\n"
                "budget: a couple of pages (<= 2x).\n");
    return 0;
}
