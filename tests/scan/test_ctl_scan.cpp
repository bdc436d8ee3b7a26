// guichetctl scan, run as the operator would, against the emulator on loopback: caps, a
// feeder scan to PDF (mode 0600), bad usage (exit 2) and an unreachable scanner (exit 1).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>

#include "drivers/emulators/escl/emulator_tcp_server.hpp"

using namespace guichet;

namespace {

int run(const std::string& args, const std::string& outFile) {
    std::string cmd = std::string(GUICHET_BINARY_DIR) + "/kiosk/ctl/guichetctl " + args + " > " + outFile + " 2>&1";
    int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("scan.ctl caps, scan to PDF, usage errors") {
    emu::EmulatorBehaviour b;
    b.feederSheets = 2;
    emu::EsclEmulator emulator(b);
    auto server = emu::EmulatorTcpServer::start(emulator);
    REQUIRE(server.ok());
    const std::string url = (*server)->baseUrl();
    const std::string dir = std::string(GUICHET_BINARY_DIR) + "/tests/scan";
    const std::string log = dir + "/ctl.log", pdf = dir + "/ctl-scan.pdf";
    std::remove(pdf.c_str());

    REQUIRE(run("scan caps --device " + url, log) == 0);
    CHECK(slurp(log).find("model: Guichet eSCL Emulator") != std::string::npos);
    CHECK(slurp(log).find("feeder capacity: 30 sheets") != std::string::npos);

    REQUIRE(run("scan --device " + url + " --source feeder --gray --dpi 100 --out " + pdf, log) == 0);
    CHECK(slurp(log).find("2 page(s)") != std::string::npos);
    const std::string data = slurp(pdf);
    CHECK(data.rfind("%PDF-1.4", 0) == 0);
    CHECK(data.find("/Count 2") != std::string::npos);
    struct stat st{};
    REQUIRE(::stat(pdf.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    std::remove(pdf.c_str());

    CHECK(run("scan --device " + url + " --source feeder --out " + pdf, log) == 1);  // feeder now empty
    CHECK(slurp(log).find("the feeder is empty") != std::string::npos);
    CHECK(run("scan --device " + url + " --dpi lots --out " + pdf, log) == 2);
    CHECK(run("scan caps", log) == 2);
    CHECK(slurp(log).find("--device is required") != std::string::npos);
    CHECK(run("scan caps --device ftp://x", log) == 1);
    CHECK(run("scan caps --device http://127.0.0.1:1/eSCL", log) == 1);
    CHECK(slurp(log).find("Connection refused") != std::string::npos);
}
