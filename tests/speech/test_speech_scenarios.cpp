// The real terminal, headless, driven by scenarios through real SDL events; what it said
// is checked by the scenario steps (expect-spoken) and here in the --speech-log file.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Run {
    int rc = -1;
    std::string output;
    std::vector<std::vector<std::string>> log;  // time, language, done|interrupted, text
};

Run runScenario(const std::string& name, const std::string& extra = "") {
    const std::string bin = GUICHET_BINARY_DIR;
    const std::string scenario = std::string(GUICHET_SOURCE_DIR) + "/tests/speech/scenarios/" + name + ".scenario";
    const std::string logPath = bin + "/speech_scenario_" + name + ".tsv";
    const std::string outPath = bin + "/speech_scenario_" + name + ".out";
    std::remove(logPath.c_str());
    const std::string cmd = "SDL_AUDIODRIVER=dummy GUICHET_CATALOGUE=" + std::string(GUICHET_SOURCE_DIR) +
                            "/config/procedures " + bin + "/ui/app/guichet --headless --scenario " + scenario +
                            " --speech-log " + logPath + " " + extra + " >" + outPath + " 2>&1";
    Run run;
    int status = std::system(cmd.c_str());
    run.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream out(outPath);
    run.output.assign(std::istreambuf_iterator<char>(out), {});
    std::ifstream in(logPath);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cols;
        std::size_t start = 0;
        for (int i = 0; i < 3; ++i) {
            std::size_t tab = line.find('\t', start);
            cols.push_back(line.substr(start, tab - start));
            start = tab + 1;
        }
        cols.push_back(line.substr(start));
        run.log.push_back(cols);
    }
    return run;
}

}  // namespace

TEST_CASE("speech.scenario the marked key and the speech keys") {
    auto run = runScenario("keys");
    INFO(run.output);
    CHECK(run.rc == 0);
    REQUIRE(run.log.size() > 8);
    CHECK(run.log.front()[3].rfind("Synthèse vocale activée", 0) == 0);
}

TEST_CASE("speech.scenario the first-screen control switches speech on, then explore-then-confirm") {
    auto run = runScenario("first_screen_control");
    INFO(run.output);
    CHECK(run.rc == 0);
}

TEST_CASE("speech.scenario mode speech does what the key does") {
    auto run = runScenario("mode_speech");
    INFO(run.output);
    CHECK(run.rc == 0);
}

TEST_CASE("speech.scenario a headset switches speech on") {
    auto run = runScenario("headset");
    INFO(run.output);
    CHECK(run.rc == 0);
}

TEST_CASE("speech.scenario idle warning spoken, longer timeouts, one key extends, settings reset") {
    auto run = runScenario("idle");
    INFO(run.output);
    CHECK(run.rc == 0);
}

TEST_CASE("speech.scenario language switch changes the voice") {
    auto run = runScenario("language");
    INFO(run.output);
    CHECK(run.rc == 0);
    bool fr = false, en = false;
    for (auto& l : run.log) {
        fr |= l[1] == "fr";
        if (l[1] == "en") en = l[3].find("Button") != std::string::npos || en;
    }
    CHECK(fr);
    CHECK(en);
}

TEST_CASE("speech.scenario a Spanish session speaks Spanish, catalogue included") {
    auto run = runScenario("spanish");
    INFO(run.output);
    CHECK(run.rc == 0);
    bool tile = false, question = false;
    for (auto& l : run.log) {
        INFO(l[1] << ": " << l[3]);
        CHECK(l[1] == "es");  // every utterance, from the first: the language tapped on the attract screen
        tile |= l[3].find("Pedir un acta de nacimiento") != std::string::npos;
        question |= l[3].find("¿Quién hace la solicitud?") != std::string::npos;
        CHECK(l[3].find("Demander un acte") == std::string::npos);
        CHECK(l[3].find("Qui fait la demande") == std::string::npos);
    }
    CHECK(tile);
    CHECK(question);
}

TEST_CASE("speech.scenario keypad walk: every screen announces a title, every control has a spoken label") {
    auto run = runScenario("walk");
    INFO(run.output);
    CHECK(run.rc == 0);
}

TEST_CASE("speech.scenario keypad walk over procedures 1: first page and cancel question of each") {
    auto run = runScenario("walk_procedures_1");
    INFO(run.output);
    CHECK(run.rc == 0);
}

TEST_CASE("speech.scenario keypad walk over procedures 2: first page and cancel question of each") {
    auto run = runScenario("walk_procedures_2");
    INFO(run.output);
    CHECK(run.rc == 0);
}

TEST_CASE("speech.scenario the on-screen keyboard: every key reached by keypad and spoken") {
    auto run = runScenario("keyboard");
    INFO(run.output);
    CHECK(run.rc == 0);
}

TEST_CASE("speech.scenario the anonymous survey by keypad, every page walked, receipt spoken without a headset") {
    auto run = runScenario("keypad_survey");
    INFO(run.output);
    CHECK(run.rc == 0);
}

TEST_CASE("speech.scenario a full procedure with the keypad and a headset only, receipt spoken") {
    auto run = runScenario("keypad_procedure", "--config " + std::string(GUICHET_SOURCE_DIR) + "/tests/speech/speech_test.toml");
    INFO(run.output);
    CHECK(run.rc == 0);
    // The file never holds what the resident typed, nor the receipt's personal lines.
    std::string texts;
    for (auto& l : run.log) texts += l[3] + "\n";
    CHECK(texts.find("rue mat") == std::string::npos);
    CHECK(texts.find("mat pat jam") == std::string::npos);
    CHECK(texts.find("[donnée personnelle]") != std::string::npos);
    CHECK(texts.find("Votre demande est enregistrée.") != std::string::npos);
}

TEST_CASE("speech.scenario a failing expectation fails the run and says what was spoken") {
    auto run = runScenario("failing");
    CHECK(run.rc == 1);
    CHECK(run.output.find("failing.scenario:3: expect-spoken failed: nobody said \"Pas prononcé\"") != std::string::npos);
    CHECK(run.output.find("Que souhaitez-vous faire") != std::string::npos);
}
