#include "kiosk/speech/audio_sink.hpp"

#include <algorithm>

namespace guichet::speech {

void AudioSink::setVolume(int percent) { volume_.store(std::clamp(percent, 0, 100)); }

void AudioSink::push(UtteranceId id, std::span<const std::int16_t> samples) {
    if (samples.empty()) return;
    {
        std::lock_guard lock(mutex_);
        if (id <= droppedUpTo_) return;
        Segment seg{id, std::vector<std::int16_t>(samples.begin(), samples.end())};
        seg.first = id != lastPushed_;
        lastPushed_ = id;
        queue_.push_back(std::move(seg));
    }
    onQueued();
}

void AudioSink::endOfUtterance(UtteranceId id) {
    {
        std::lock_guard lock(mutex_);
        if (id <= droppedUpTo_) return;
        Segment seg{id, {}};
        seg.end = true;
        seg.first = id != lastPushed_;  // an utterance that produced no sample at all
        lastPushed_ = id;
        queue_.push_back(std::move(seg));
    }
    onQueued();
}

void AudioSink::flush() {
    std::lock_guard lock(mutex_);
    queue_.clear();
}

void AudioSink::flushUpTo(UtteranceId id) {
    std::lock_guard lock(mutex_);
    droppedUpTo_ = std::max(droppedUpTo_, id);
    std::erase_if(queue_, [&](const Segment& s) { return s.id <= id; });
}

bool AudioSink::idle() const {
    std::lock_guard lock(mutex_);
    return queue_.empty();
}

void AudioSink::pull(std::int16_t* out, std::size_t count) {
    std::size_t written = pullQueued(out, count);
    std::fill(out + written, out + count, std::int16_t{0});
}

std::size_t AudioSink::pullQueued(std::int16_t* out, std::size_t count) {
    const int vol = volume_.load();
    std::size_t written = 0;
    std::lock_guard lock(mutex_);
    while (!queue_.empty()) {
        Segment& seg = queue_.front();
        const std::size_t left = seg.samples.size() - seg.played;
        if (left > 0 && written == count) break;  // full; zero-length end markers still pass
        if (seg.first && listener_) listener_->onFirstSample(seg.id, std::chrono::steady_clock::now());
        seg.first = false;
        std::size_t n = std::min(count - written, left);
        for (std::size_t i = 0; i < n; ++i)
            out[written + i] = static_cast<std::int16_t>(seg.samples[seg.played + i] * vol / 100);
        written += n;
        seg.played += n;
        if (seg.played < seg.samples.size()) break;
        if (seg.end && listener_) listener_->onFinished(seg.id);
        queue_.pop_front();
    }
    return written;
}

void MemoryAudioSink::onQueued() {
    std::lock_guard lock(playMutex_);
    std::int16_t buf[1024];
    while (!idle()) {
        std::size_t n = pullQueued(buf, std::size(buf));
        count_ += n;
        if (keep_) played_.insert(played_.end(), buf, buf + n);
    }
}

}  // namespace guichet::speech
