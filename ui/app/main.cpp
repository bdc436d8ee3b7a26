// guichet: the terminal. A thin main() over the shell: options, configuration, languages,
// then the window's loop — or, headless, a scenario or the demo tour with screenshots.
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>

#include "drivers/common/log.hpp"
#include "kiosk/app/first_frame_gate.hpp"
#include "kiosk/config/terminal_config.hpp"
#include "kiosk/i18n/i18n.hpp"
#include "kiosk/service/loop_pulse.hpp"
#include "kiosk/version/version.hpp"
#include "ui/core/startup_trace.hpp"
#include "ui/core/cli_options.hpp"
#include "ui/host/sdl_host.hpp"
#include "ui/scenario/demo_tour.hpp"
#include "ui/scenario/scenario.hpp"
#include "ui/shell/shell.hpp"

namespace {

void usage(FILE* out) {
    std::fprintf(out,
                 "usage: guichet [options]\n"
                 "  --config FILE      terminal settings (TOML; default: built-in defaults)\n"
                 "  --data DIR         working folder (database, spool)\n"
                 "  --demo             emulated devices and sample data; headless (or --tour): play the demo tour\n"
                 "  --windowed         a normal window instead of full screen\n"
                 "  --software         use the SDL_Renderer software backend\n"
                 "  --headless         no display: SDL dummy driver + software renderer\n"
                 "  --size WxH         window size (headless default 1920x1080)\n"
                 "  --scenario FILE    run a scenario (headless, or in the window) and exit 0 only if every step passed\n"
                 "  --tour             with --demo: play the demo tour in the window (headless plays it anyway)\n"
                 "  --out DIR          where `shot` steps and the demo tour write PNG files\n"
                 "  --a11y-dump FILE   tests: write the accessibility tree (rects, labels) after each frame\n"
                 "  --locale-dir DIR   compiled catalogues (<lang>/LC_MESSAGES/guichet.mo)\n"
                 "  --no-kiosk         let closing keys and window close quit (implied by --windowed)\n"
                 "  --kiosk            keep the lock-down even in a window\n"
                 "  --version          print the version and exit\n");
    for (const auto& o : guichet::ui::cliOptions()) {  // added by other areas
        std::string left = o.name + (o.valueName.empty() ? "" : " " + o.valueName);
        std::fprintf(out, "  %-18s %s\n", left.c_str(), o.help.c_str());
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace guichet;
    ui::tracePhase("main");
    std::string configPath, dataDir, scenario, outDir, a11yDump, localeDir = i18n::defaultLocaleDir();
    bool headless = false, windowed = false, software = false, demo = false, noKiosk = false, reportFirstFrame = false, forceKiosk = false, tour = false;
    int width = 0, height = 0;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&](const char* what) -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "guichet: %s needs a value\n", what);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--config") configPath = next("--config");
        else if (a == "--data") dataDir = next("--data");
        else if (a == "--demo") demo = true;
        else if (a == "--windowed") windowed = true;
        else if (a == "--fullscreen") windowed = false;
        else if (a == "--software") software = true;
        else if (a == "--headless") headless = true;
        else if (a == "--scenario") scenario = next("--scenario");
        else if (a == "--out") outDir = next("--out");
        else if (a == "--a11y-dump") a11yDump = next("--a11y-dump");
        else if (a == "--locale-dir") localeDir = next("--locale-dir");
        else if (a == "--no-kiosk") noKiosk = true;
        else if (a == "--kiosk") forceKiosk = true;
        else if (a == "--tour") tour = true;
        else if (a == "--report-first-frame") reportFirstFrame = true;
        else if (a == "--size") {
            std::string s = next("--size");
            if (std::sscanf(s.c_str(), "%dx%d", &width, &height) != 2 || width < 320 || height < 320 ||
                width > 7680 || height > 7680) {
                std::fprintf(stderr, "guichet: --size must be WIDTHxHEIGHT, e.g. 1080x1920 (got '%s')\n", s.c_str());
                return 2;
            }
        } else if (a == "--version") {
            std::printf("guichet %s\n", softwareVersion());
            return 0;
        } else if (a == "--help" || a == "-h") {
            usage(stdout);
            return 0;
        } else if (const ui::CliOption* o = ui::findCliOption(a)) {
            o->apply(o->valueName.empty() ? std::string() : next(o->name.c_str()));
        } else {
            std::fprintf(stderr, "guichet: unknown option '%s'\n", a.c_str());
            usage(stderr);
            return 2;
        }
    }

    TerminalConfig config = TerminalConfig::defaults();
    if (!configPath.empty()) {
        auto loaded = loadTerminalConfig(configPath);
        if (!loaded) {
            std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
            return 2;
        }
        config = std::move(*loaded);
    }
    // A window on a developer's desktop must close normally; the lock-down is for the
    // full-screen terminal (--windowed --kiosk keeps it, to try it out).
    if (noKiosk || (windowed && !forceKiosk)) config.kiosk = false;
    if (!i18n::init(localeDir))
        log::warning("i18n", localeDir + ": no compiled catalogues; the terminal will show French only");
    i18n::setLanguage(config.defaultLanguage);
    ui::tracePhase("config and languages");

    std::vector<ui::ScenarioStep> steps;
    if (!scenario.empty()) {
        auto parsed = ui::loadScenario(scenario);
        if (!parsed) {
            std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
            return 2;
        }
        steps = std::move(*parsed);
    } else if (demo && (headless || tour)) {
        auto parsed = ui::parseScenario(ui::demoTourScenario(), "<demo tour>");
        if (!parsed) {
            std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
            return 2;
        }
        steps = std::move(*parsed);
        if (outDir.empty()) outDir = dataDir.empty() ? "demo-shots" : (std::filesystem::path(dataDir) / "shots").string();
    }
    if (!outDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(outDir, ec);
        if (ec) {
            std::fprintf(stderr, "%s: cannot create the folder: %s\n", outDir.c_str(), ec.message().c_str());
            return 2;
        }
    }
    if (!dataDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(dataDir, ec);
    }

    ui::HostOptions host;
    host.headless = headless;
    host.windowed = windowed;
    host.software = software;
    host.width = width ? width : (windowed ? 1280 : 1920);
    host.height = height ? height : (windowed ? 720 : 1080);
    host.outDir = outDir;
    host.a11yDump = a11yDump;
    ui::ShellOptions shellOptions{dataDir, demo, host.width, host.height, headless};
    app::holdUntilFirstFrame();  // the outbox's integrity check waits for it (issue 17)
    ui::Shell shell(config, shellOptions);
    ui::tracePhase("shell (outbox, devices)");
    if (const auto& refused = shell.startRefusal()) {
        std::fprintf(stderr, "%s\n", refused->message.c_str());
        return refused->code;
    }
    auto created = ui::SdlHost::create(shell, host);
    if (!created) {
        std::fprintf(stderr, "guichet: %s\n", created.error().message.c_str());
        return 2;
    }
    auto& app = **created;
    ui::tracePhase("window and renderer");
    app.onFirstFrame([reportFirstFrame] {
        // Under systemd (Type=notify): the terminal is up once residents can see it.
        service::processNotifier().ready();
        ui::tracePhase("first frame presented");
        app::firstFrameShown();
        if (reportFirstFrame) {  // bench/ui: wall-clock time of the first presented frame
            timespec ts{};
            clock_gettime(CLOCK_REALTIME, &ts);
            std::printf("first-frame-realtime-ns %lld\n", static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
            std::printf("first-frame-ms-since-process-start %.0f\n", ui::msSinceProcessStart());
            std::printf("first-frame-cpu-ms %.0f\n", ui::processCpuMs());
            std::fflush(stdout);
        }
    });
    if (headless || !steps.empty()) {  // a scenario or the tour: headless, or in the real window
        if (steps.empty()) {
            app.settle();
            return 0;
        }
        int rc = ui::runScenario(app, steps);
        // A scenario that restarted the terminal (the console) ends with the restart's code.
        if (shell.context().exitCode) return *shell.context().exitCode;
        if (rc == 0 && demo && scenario.empty())
            std::printf("demo tour: %zu steps, screenshots in %s\n", steps.size(), outDir.c_str());
        return rc;
    }
    return app.run();
}
