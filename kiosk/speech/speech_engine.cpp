#include "kiosk/speech/speech_engine.hpp"

#include <algorithm>

#include "drivers/common/bytes.hpp"
#include "drivers/common/log.hpp"
#include "kiosk/speech/synthesizer.hpp"

namespace guichet::speech {

namespace {
// Ids are unique in the process, not per engine: a sink outlives engines (reopened ones,
// tests) and refuses ids it has already dropped.
std::atomic<UtteranceId> nextUtteranceId{1};
}  // namespace

SpeechEngine::SpeechEngine(AudioSink& sink, SpeechLog* log, Options options)
    : sink_(sink), log_(log), options_(options) {
    sink_.setListener(this);
    sink_.setVolume(settings_.volume);
    if (auto started = worker_.start(); !started) lastError_ = started.error().message;
}

SpeechEngine::~SpeechEngine() {
    {
        std::unique_lock lock(mutex_);
        interruptLocked(lock);
    }
    worker_.stop();
    worker_.join();
    sink_.setListener(nullptr);
    secureWipe(last_.text);
    secureWipe(last_.logText);
}

UtteranceId SpeechEngine::say(Utterance u, bool interruptFirst, bool remember) {
    std::unique_lock lock(mutex_);
    if (interruptFirst) interruptLocked(lock);
    if (u.language.empty()) u.language = language_;
    UtteranceId id = nextUtteranceId.fetch_add(1);
    lastIssued_ = id;
    if (log_) log_->requested(id, u.text, u.logText, u.language);
    if (remember) {
        last_ = u;
        hasLast_ = true;
    }
    queue_.push_back({id, std::move(u)});
    lock.unlock();
    worker_.post([this] { speakNext(); });
    return id;
}

void SpeechEngine::interrupt() {
    std::unique_lock lock(mutex_);
    interruptLocked(lock);
}

void SpeechEngine::interruptLocked(std::unique_lock<std::mutex>&) {
    queue_.clear();
    cutUpTo_.store(lastIssued_);
    sink_.flushUpTo(lastIssued_);
    if (log_) log_->interruptAllUpTo(lastIssued_);
}

bool SpeechEngine::repeat() {
    Utterance u;
    {
        std::lock_guard lock(mutex_);
        if (!hasLast_) return false;
        u = last_;
    }
    say(std::move(u), true, true);
    return true;
}

void SpeechEngine::setLanguage(std::string lang) {
    std::lock_guard lock(mutex_);
    language_ = std::move(lang);
}

std::string SpeechEngine::language() const {
    std::lock_guard lock(mutex_);
    return language_;
}

SpeechSettings SpeechEngine::settings() const {
    std::lock_guard lock(mutex_);
    return settings_;
}

int SpeechEngine::adjustRate(int steps) {
    std::lock_guard lock(mutex_);
    settings_.rateWpm = std::clamp(settings_.rateWpm + steps * SpeechSettings::kRateStep, SpeechSettings::kMinRate,
                                   SpeechSettings::kMaxRate);
    return settings_.rateWpm;
}

int SpeechEngine::adjustVolume(int steps) {
    std::lock_guard lock(mutex_);
    settings_.volume = std::clamp(settings_.volume + steps * SpeechSettings::kVolumeStep, SpeechSettings::kMinVolume,
                                  SpeechSettings::kMaxVolume);
    sink_.setVolume(settings_.volume);
    return settings_.volume;
}

void SpeechEngine::resetSettings() {
    std::lock_guard lock(mutex_);
    settings_ = SpeechSettings{};
    sink_.setVolume(settings_.volume);
}

void SpeechEngine::endSession() {
    std::unique_lock lock(mutex_);
    interruptLocked(lock);
    secureWipe(last_.text);
    secureWipe(last_.logText);
    last_ = {};
    hasLast_ = false;
    settings_ = SpeechSettings{};
    sink_.setVolume(settings_.volume);
}

bool SpeechEngine::waitIdle(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(mutex_);
    while (true) {
        if (queue_.empty() && !busy_ && sink_.idle()) return true;
        if (idle_.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(5))) ==
                std::cv_status::timeout &&
            std::chrono::steady_clock::now() >= deadline)
            return queue_.empty() && !busy_ && sink_.idle();
    }
}

void SpeechEngine::setFirstSampleHook(std::function<void(UtteranceId, SteadyTime)> hook) {
    std::lock_guard lock(mutex_);
    firstSampleHook_ = std::move(hook);
}

std::string SpeechEngine::lastError() const {
    std::lock_guard lock(mutex_);
    return lastError_;
}

void SpeechEngine::onFirstSample(UtteranceId id, SteadyTime when) {
    // Audio thread: the hook is set before speech starts (benchmarks), never changed while talking.
    if (firstSampleHook_) firstSampleHook_(id, when);
}

void SpeechEngine::onFinished(UtteranceId id) {
    if (log_) log_->finished(id);
}

void SpeechEngine::speakNext() {
    // espeak-ng is initialised on first use, on this thread, and only ever used from it.
    static thread_local Result<Synthesizer*> synth = Synthesizer::instance();
    std::unique_lock lock(mutex_);
    if (queue_.empty()) return;  // interrupted since it was posted
    Item item = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    VoiceSettings voice{item.u.language, settings_.rateWpm};
    lock.unlock();

    Result<void> r{};
    if (options_.synthesize && synth) {
        const UtteranceId id = item.id;
        r = (*synth)->synthesize(item.u.text, voice, [&](std::span<const std::int16_t> chunk) {
            if (cutUpTo_.load() >= id) return false;  // interrupted: stop synthesising
            sink_.push(id, chunk);
            return true;
        });
    } else if (options_.synthesize && !synth) {
        r = synth.error();
    }
    // Failed before a sound was heard (no voice, synthesiser broken): the log says so, so
    // that an audit or an expect-spoken step cannot count it as spoken.
    if (!r && r.error().code != ErrorCode::Cancelled && log_) log_->failed(item.id);
    if (r || r.error().code != ErrorCode::Cancelled) sink_.endOfUtterance(item.id);
    secureWipe(item.u.text);
    secureWipe(item.u.logText);

    lock.lock();
    if (!r && r.error().code != ErrorCode::Cancelled && lastError_ != r.error().message) {
        lastError_ = r.error().message;
        log::error("speech", lastError_);
    }
    busy_ = false;
    idle_.notify_all();
}

}  // namespace guichet::speech
