#include "kiosk/speech/speech_runtime.hpp"

#include "drivers/common/log.hpp"
#include "kiosk/speech/synthesizer.hpp"

namespace guichet::speech {

Result<std::unique_ptr<SpeechRuntime>> SpeechRuntime::create(const SpeechRuntimeConfig& config) {
    std::unique_ptr<SpeechRuntime> rt(new SpeechRuntime());
    rt->config_ = config;
    if (config.synthesize) {
        auto synth = Synthesizer::instance();
        if (synth) rt->sampleRate_ = (*synth)->sampleRate();
        else log::error("speech", synth.error().message);  // speech stays silent; the terminal runs
    }
    if (!config.speechLogPath.empty())
        if (auto r = rt->log_.openFile(config.speechLogPath); !r) return r.error();

    AudioSink* sink = nullptr;
    if (config.audio == SpeechRuntimeConfig::Audio::Sdl) {
        rt->sdl_ = std::make_unique<SdlAudioSink>();
        if (auto r = rt->sdl_->open(rt->sampleRate_); r) {
            sink = rt->sdl_.get();
            rt->headsets_.setStartupDevices(HeadsetDetector::currentOutputDevices());
        } else {
            log::warning("speech", r.error().message + "; speech goes to memory only");
            rt->sdl_.reset();
        }
    }
    if (!sink) {
        rt->memory_ = std::make_unique<MemoryAudioSink>(/*keep=*/false);
        sink = rt->memory_.get();
    }
    rt->engine_ = std::make_unique<SpeechEngine>(*sink, &rt->log_, SpeechEngine::Options{config.synthesize});
    rt->controller_ = std::make_unique<SpeechController>(*rt->engine_, &rt->log_);
    rt->controller_->setLanguage(config.language);
    return rt;
}

SpeechRuntime::~SpeechRuntime() {
    controller_.reset();
    engine_.reset();  // joins the worker before the sinks go
}

Result<void> SpeechRuntime::openOutput(const std::string& device) {
    if (!sdl_) return {};  // memory output: any "device" works (headless runs)
    auto r = sdl_->open(sampleRate_, device);
    if (!r && !device.empty()) {
        // Keep talking through the default output rather than fall silent.
        if (auto back = sdl_->open(sampleRate_); !back) log::error("speech", back.error().message);
    }
    return r;
}

void SpeechRuntime::outputDeviceAdded(const std::string& name) {
    auto headset = headsets_.deviceAdded(name);
    if (!headset) return;
    log::info("speech", "headset plugged in");
    if (auto r = openOutput(*headset); !r) {
        // Cannot play through it: speech starts (A2), but personal values stay unspoken (A3).
        log::warning("speech", r.error().message);
        controller_->activate(ActivationSource::Headset);
        return;
    }
    controller_->setHeadset(true);
}

void SpeechRuntime::outputDeviceRemoved(const std::string& name) {
    if (!headsets_.deviceRemoved(name)) return;
    log::info("speech", "headset unplugged");
    controller_->setHeadset(false);
    (void)openOutput({});
}

bool SpeechRuntime::handleKey(SpeechKey key, const a11y::Tree& tree) {
    auto& c = *controller_;
    if (key == SpeechKey::Toggle) {
        c.toggle(ActivationSource::Key);
        return true;
    }
    if (!c.enabled()) return false;  // the other keys are ordinary keys when speech is off
    switch (key) {
        case SpeechKey::Repeat: c.repeat(); break;
        case SpeechKey::Slower: c.slower(); break;
        case SpeechKey::Faster: c.faster(); break;
        case SpeechKey::Louder: c.louder(); break;
        case SpeechKey::Quieter: c.quieter(); break;
        case SpeechKey::ReadAll: c.readAll(tree); break;
        case SpeechKey::Toggle: break;
    }
    return true;
}

void SpeechRuntime::audioOutputAppeared(int deviceIndex, bool capture) {
    // Only with our own SDL output: its start-up device list tells a headset from the
    // speakers. Without it (headless runs) another part opening the sound card (the idle
    // chime) would make every existing device look new.
    if (!capture && usingSdlAudio()) outputDeviceAdded(HeadsetDetector::outputDeviceName(deviceIndex));
}

void SpeechRuntime::audioOutputRemoved(std::uint32_t deviceId, bool capture) {
    if (!capture && sdl_ && deviceId == sdl_->deviceId() && headsets_.headset()) outputDeviceRemoved(*headsets_.headset());
}

void SpeechRuntime::touched() {
    if (controller_->enabled()) controller_->stopTalking();
}

}  // namespace guichet::speech
