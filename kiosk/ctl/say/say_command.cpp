// guichetctl say: speaks a text with the terminal's voice — into a WAV file (--wav, for
// checks) or through the sound card (the operator's sound test). Built into its own program,
// guichetctl-say, that guichetctl runs: only this command needs espeak-ng and SDL audio, and
// linking them into guichetctl cost every other command ~50 ms of dynamic loading (issue 17).
#include <chrono>
#include <cstdio>
#include <string>

#include "kiosk/ctl/say/say_command.hpp"
#include "kiosk/speech/sdl_audio_sink.hpp"
#include "kiosk/speech/speech_engine.hpp"
#include "kiosk/speech/synthesizer.hpp"
#include "kiosk/speech/voices.hpp"
#include "kiosk/speech/wav_writer.hpp"

namespace guichet::ctl {

static int usage() {
    std::fprintf(stderr,
                 "usage: guichetctl say [--lang fr|en|es|de|pt|it] [--rate WPM] [--wav OUT.wav] \"texte\"\n"
                 "  without --wav the text is played on the default audio output\n");
    return 2;
}

int runSay(const Args& args) {
    using namespace guichet::speech;
    std::string lang = "fr", wav, text;
    int rate = SpeechSettings::kDefaultRate;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto next = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
        if (a == "--lang") {
            const std::string* v = next();
            if (!v) return usage();
            lang = *v;
        } else if (a == "--wav") {
            const std::string* v = next();
            if (!v) return usage();
            wav = *v;
        } else if (a == "--rate") {
            const std::string* v = next();
            if (!v) return usage();
            try {
                rate = std::stoi(*v);
            } catch (...) {
                std::fprintf(stderr, "guichetctl say: --rate wants words per minute (%d..%d), not '%s'\n",
                             SpeechSettings::kMinRate, SpeechSettings::kMaxRate, v->c_str());
                return 2;
            }
            if (rate < SpeechSettings::kMinRate || rate > SpeechSettings::kMaxRate) {
                std::fprintf(stderr, "guichetctl say: --rate must be between %d and %d\n", SpeechSettings::kMinRate,
                             SpeechSettings::kMaxRate);
                return 2;
            }
        } else if (a == "--help") {
            usage();
            return 0;
        } else if (!a.empty() && a[0] == '-' && a.size() > 1) {
            std::fprintf(stderr, "guichetctl say: unknown option '%s'\n", a.c_str());
            return usage();
        } else {
            if (!text.empty()) text += ' ';
            text += a;
        }
    }
    if (text.empty()) {
        std::fprintf(stderr, "guichetctl say: nothing to say\n");
        return usage();
    }
    if (!isSupportedLanguage(lang)) {
        std::fprintf(stderr, "guichetctl say: language '%s' is not one of fr en es de pt it\n", lang.c_str());
        return 2;
    }
    auto synth = Synthesizer::instance();
    if (!synth) {
        std::fprintf(stderr, "guichetctl say: %s\n", synth.error().message.c_str());
        return 1;
    }
    if (!wav.empty()) {
        auto samples = (*synth)->synthesizeAll(text, VoiceSettings{lang, rate});
        if (!samples) {
            std::fprintf(stderr, "guichetctl say: %s\n", samples.error().message.c_str());
            return 1;
        }
        auto w = writeWav(wav, *samples, (*synth)->sampleRate());
        if (!w) {
            std::fprintf(stderr, "guichetctl say: %s\n", w.error().message.c_str());
            return 1;
        }
        std::printf("%s: %.2f s of speech, %d Hz, voice %s\n", wav.c_str(),
                    static_cast<double>(samples->size()) / (*synth)->sampleRate(), (*synth)->sampleRate(), lang.c_str());
        return 0;
    }
    SdlAudioSink sink;
    if (auto r = sink.open((*synth)->sampleRate()); !r) {
        std::fprintf(stderr, "guichetctl say: %s (use --wav to write a file instead)\n", r.error().message.c_str());
        return 1;
    }
    SpeechEngine engine(sink);
    engine.setLanguage(lang);
    engine.say(Utterance{text, "", lang}, false);
    if (!engine.waitIdle(std::chrono::seconds(120))) {
        std::fprintf(stderr, "guichetctl say: playback did not finish within 120 s\n");
        return 1;
    }
    return 0;
}

}  // namespace guichet::ctl
