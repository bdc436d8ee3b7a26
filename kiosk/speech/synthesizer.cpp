#include "kiosk/speech/synthesizer.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <mutex>

#include "kiosk/speech/voices.hpp"

namespace guichet::speech {

namespace {

// espeak-ng keeps one global state: every use goes through this lock.
std::mutex& espeakLock() {
    static std::mutex m;
    return m;
}

// A short buffer makes the first chunk (hence the first audio sample) arrive early; espeak
// calls back at least this often. 20 ms keeps the callback overhead negligible.
constexpr int kChunkMs = 20;

struct CallbackContext {
    const Synthesizer::ChunkFn* onChunk;
    bool cancelled = false;
};

int onSynth(short* wav, int numSamples, espeak_EVENT* events) {
    auto* ctx = static_cast<CallbackContext*>(events ? events->user_data : nullptr);
    if (!ctx) return 0;
    if (ctx->cancelled) return 1;
    if (wav && numSamples > 0) {
        if (!(*ctx->onChunk)(std::span<const std::int16_t>(reinterpret_cast<const std::int16_t*>(wav),
                                                           static_cast<std::size_t>(numSamples)))) {
            ctx->cancelled = true;
            return 1;
        }
    }
    return 0;
}

}  // namespace

Result<Synthesizer*> Synthesizer::instance() {
    static Synthesizer synth;
    static Result<void> initResult = [] () -> Result<void> {
        std::lock_guard lock(espeakLock());
        int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, kChunkMs, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0) return makeError(ErrorCode::NotFound, "espeak-ng could not start: is espeak-ng-data installed?");
        synth.sampleRate_ = rate;
        espeak_SetSynthCallback(onSynth);
        return {};
    }();
    if (!initResult) return initResult.error();
    return &synth;
}

Result<void> Synthesizer::synthesize(std::string_view text, const VoiceSettings& voice, const ChunkFn& onChunk) {
    std::lock_guard lock(espeakLock());
    if (voice.language != selectedLanguage_) {
        const char* name = espeakVoiceFor(voice.language);
        if (espeak_SetVoiceByName(name) != EE_OK)
            return makeError(ErrorCode::NotFound, std::string("espeak-ng has no voice '") + name + "'");
        selectedLanguage_ = voice.language;
    }
    espeak_SetParameter(espeakRATE, std::clamp(voice.rateWpm, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
    // Volume is applied at playback (immediate effect on the sound already queued).
    espeak_SetParameter(espeakVOLUME, 100, 0);
    std::string buffer(text);  // espeak wants a NUL-terminated string
    CallbackContext ctx{&onChunk};
    espeak_ERROR err = espeak_Synth(buffer.c_str(), buffer.size() + 1, 0, POS_CHARACTER, 0,
                                    espeakCHARS_UTF8, nullptr, &ctx);
    if (ctx.cancelled) return makeError(ErrorCode::Cancelled, "synthesis interrupted");
    if (err != EE_OK) return makeError(ErrorCode::Io, "espeak-ng synthesis failed");
    return {};
}

Result<std::vector<std::int16_t>> Synthesizer::synthesizeAll(std::string_view text, const VoiceSettings& voice) {
    std::vector<std::int16_t> all;
    auto r = synthesize(text, voice, [&](std::span<const std::int16_t> chunk) {
        all.insert(all.end(), chunk.begin(), chunk.end());
        return true;
    });
    if (!r) return r.error();
    return all;
}

std::string Synthesizer::currentVoiceName() const {
    std::lock_guard lock(espeakLock());
    espeak_VOICE* v = espeak_GetCurrentVoice();
    return v && v->name ? std::string(v->name) : std::string();
}

}  // namespace guichet::speech
