// bench_speech: (1) time from a focus change (a new accessibility tree handed to the speech
// controller) to the first audio sample leaving through SDL audio — target < 100 ms;
// (2) synthesis speed relative to real time, per language; (3) the naive alternative,
// spawning the espeak-ng program per utterance, measured in the same run for the ratio.
// Usage: bench_speech [rounds]   (SDL_AUDIODRIVER=dummy by default: no sound card needed)
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/speech/sdl_audio_sink.hpp"
#include "kiosk/speech/speech_controller.hpp"
#include "kiosk/speech/synthesizer.hpp"

using namespace guichet::speech;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
    double median, p95, max;
};
Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back()};
}

const char* kLabels[] = {"Demander un acte de naissance", "Demander un acte de mariage", "Signaler un problème",
                         "Prendre rendez-vous", "Payer une facture", "Donner votre avis",
                         "Inscription sur les listes électorales", "Carte d'identité", "Accessibilité"};

void homeScreen(guichet::a11y::Tree& t, int focus) {
    t.beginFrame("home", "Bienvenue à la mairie", "Choisissez une démarche.");
    for (int i = 0; i < 9; ++i) {
        guichet::a11y::Node n;
        n.id = "proc" + std::to_string(i);
        n.role = guichet::a11y::Role::Button;
        n.label = kLabels[i];
        n.focusable = true;
        n.focused = i == focus;
        t.add(n);
    }
    t.endFrame();
}

// Focus change -> first sample, through a real SDL audio device.
std::vector<double> focusLatency(AudioSink& sink, int rounds, std::chrono::milliseconds gap) {
    SpeechEngine engine(sink);
    SpeechController speech(engine, nullptr);
    std::mutex m;
    std::condition_variable cv;
    UtteranceId lastFirst = 0;
    Clock::time_point firstAt;
    engine.setFirstSampleHook([&](UtteranceId id, SteadyTime when) {
        std::lock_guard lock(m);
        lastFirst = id;
        firstAt = when;
        cv.notify_all();
    });
    guichet::a11y::Tree tree;
    homeScreen(tree, 0);
    speech.activate(ActivationSource::Key);
    speech.onFrame(tree);
    engine.waitIdle(std::chrono::seconds(10));
    std::vector<double> out;
    for (int r = 0; r < rounds; ++r) {
        homeScreen(tree, (r + 1) % 9);
        const auto t0 = Clock::now();
        speech.onFrame(tree);  // the focus moved: speech interrupts and says the new control
        std::unique_lock lock(m);
        const UtteranceId before = lastFirst;
        if (!cv.wait_for(lock, std::chrono::seconds(2), [&] { return lastFirst != before && firstAt >= t0; })) {
            std::fprintf(stderr, "no audio within 2 s\n");
            continue;
        }
        out.push_back(ms(firstAt - t0));
        lock.unlock();
        std::this_thread::sleep_for(gap);  // the resident listens for a moment, then moves again
    }
    return out;
}

// Spawning `espeak-ng --stdout` per utterance: time to its first byte of audio.
std::vector<double> spawnLatency(int rounds) {
    std::vector<double> out;
    for (int r = 0; r < rounds; ++r) {
        const std::string cmd = std::string("espeak-ng -v fr --stdout \"Bouton, ") + kLabels[r % 9] + ", " +
                                std::to_string(r % 9 + 1) + " sur 9\"";
        const auto t0 = Clock::now();
        FILE* p = popen(cmd.c_str(), "r");
        if (!p) return {};
        char buf[4096];
        // WAV header (44 bytes) then samples: the first read past the header is the first sample
        std::size_t got = 0;
        double first = -1;
        while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) {
            got += n;
            if (first < 0 && got > 44) first = ms(Clock::now() - t0);
        }
        pclose(p);
        if (first >= 0) out.push_back(first);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::max(5, std::atoi(argv[1])) : 40;
    setenv("SDL_AUDIODRIVER", std::getenv("SDL_AUDIODRIVER") ? std::getenv("SDL_AUDIODRIVER") : "dummy", 1);
    auto synth = Synthesizer::instance();
    if (!synth) {
        std::fprintf(stderr, "bench_speech: %s\n", synth.error().message.c_str());
        return 1;
    }
    const int rate = (*synth)->sampleRate();

    std::printf("== focus change -> first audio sample (%d rounds, target < 100 ms)\n", rounds);
    {
        SdlAudioSink sink;
        if (auto r = sink.open(rate); !r) {
            std::fprintf(stderr, "bench_speech: %s\n", r.error().message.c_str());
            return 1;
        }
        std::printf("   SDL driver %s, device buffer %d samples (%.1f ms)\n", SDL_GetCurrentAudioDriver(),
                    sink.bufferSamples(), 1000.0 * sink.bufferSamples() / rate);
        for (auto gap : {std::chrono::milliseconds(400), std::chrono::milliseconds(60)}) {
            auto v = focusLatency(sink, rounds, gap);
            if (v.empty()) return 1;
            auto s = stats(v);
            std::printf("   via SDL audio, focus moves every %3lld ms: median %6.1f ms  p95 %6.1f  max %6.1f  -> %s\n",
                        static_cast<long long>(gap.count()), s.median, s.p95, s.max, s.p95 < 100 ? "OK" : "OVER TARGET");
        }
    }
    {
        MemoryAudioSink mem;
        auto v = focusLatency(mem, rounds, std::chrono::milliseconds(5));
        auto s = stats(v);
        std::printf("   synthesis only (no device):            median %6.1f ms  p95 %6.1f  max %6.1f\n", s.median, s.p95,
                    s.max);
    }
    if (std::system("command -v espeak-ng >/dev/null 2>&1") != 0) {
        std::printf("   reference: the espeak-ng program is not installed (apt install espeak-ng): skipped\n");
    } else {
        auto v = spawnLatency(std::min(rounds, 20));
        if (!v.empty()) {
            auto s = stats(v);
            std::printf("   reference: spawn `espeak-ng --stdout`:  median %6.1f ms  p95 %6.1f  max %6.1f\n", s.median,
                        s.p95, s.max);
        }
    }

    std::printf("== synthesis speed (audio seconds per CPU-bound second; higher is faster)\n");
    const char* sentences[][2] = {
        {"fr", "Votre demande d'acte de naissance a bien été enregistrée. Conservez votre reçu, il porte la référence "
               "de votre dossier et l'adresse où suivre son avancement."},
        {"en", "Your birth certificate request has been recorded. Keep your receipt, it shows your file reference and "
               "where to follow its progress."},
        {"es", "Su solicitud de partida de nacimiento ha sido registrada. Conserve su recibo, indica la referencia de "
               "su expediente."},
        {"de", "Ihr Antrag auf eine Geburtsurkunde wurde registriert. Bewahren Sie Ihre Quittung auf, sie zeigt Ihr "
               "Aktenzeichen."},
        {"pt", "O seu pedido de certidão de nascimento foi registado. Guarde o seu recibo, indica a referência do seu "
               "processo."},
        {"it", "La sua richiesta di atto di nascita è stata registrata. Conservi la ricevuta, riporta il riferimento "
               "della pratica."}};
    for (auto& s : sentences) {
        std::vector<double> factors, times;
        double audio = 0;
        for (int r = 0; r < 10; ++r) {
            const auto t0 = Clock::now();
            auto samples = (*synth)->synthesizeAll(s[1], VoiceSettings{s[0], 175});
            const double took = ms(Clock::now() - t0);
            if (!samples) return 1;
            audio = 1000.0 * samples->size() / rate;
            factors.push_back(audio / took);
            times.push_back(took);
        }
        auto f = stats(factors);
        auto t = stats(times);
        std::printf("   %s: %5.2f s of speech in %6.1f ms -> %5.0fx real time\n", s[0], audio / 1000, t.median, f.median);
    }
    return 0;
}
