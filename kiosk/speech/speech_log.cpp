#include "kiosk/speech/speech_log.hpp"

#include <cerrno>
#include <cstring>

#include "drivers/common/bytes.hpp"

namespace guichet::speech {

SpeechLog::SpeechLog() : start_(std::chrono::steady_clock::now()) {}

SpeechLog::~SpeechLog() {
    std::lock_guard lock(mutex_);
    for (auto& e : entries_)
        if (!e.finished && !e.interrupted && !e.failed) {
            e.interrupted = true;  // never fully heard
            settle(e);
        }
    if (file_) std::fclose(file_);
    for (auto& e : entries_) { secureWipe(e.text); }
}

Result<void> SpeechLog::openFile(const std::string& path) {
    std::lock_guard lock(mutex_);
    if (file_) std::fclose(file_);
    file_ = std::fopen(path.c_str(), "w");
    if (!file_) return makeError(ErrorCode::Io, path + ": cannot write the speech log: " + std::strerror(errno));
    return {};
}

void SpeechLog::requested(UtteranceId id, std::string text, std::string logText, std::string language) {
    std::lock_guard lock(mutex_);
    SpokenEntry e;
    e.id = id;
    e.atSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    e.text = std::move(text);
    e.logText = logText.empty() ? e.text : std::move(logText);
    e.language = std::move(language);
    entries_.push_back(std::move(e));
}

void SpeechLog::settle(SpokenEntry& e) {
    if (!file_) return;
    std::string line = e.logText;
    for (char& c : line)
        if (c == '\n' || c == '\t') c = ' ';
    std::fprintf(file_, "%.3f\t%s\t%s\t%s\n", e.atSeconds, e.language.c_str(), e.failed ? "failed" : e.interrupted ? "interrupted" : "done",
                 line.c_str());
    std::fflush(file_);
}

void SpeechLog::finished(UtteranceId id) {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
        if (it->id == id) {
            if (!it->finished && !it->interrupted && !it->failed) {
                it->finished = true;
                settle(*it);
            }
            return;
        }
}

void SpeechLog::interrupted(UtteranceId id) {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
        if (it->id == id) {
            if (!it->finished && !it->interrupted && !it->failed) {
                it->interrupted = true;
                settle(*it);
            }
            return;
        }
}

void SpeechLog::interruptAllUpTo(UtteranceId id) {
    std::lock_guard lock(mutex_);
    for (auto& e : entries_)
        if (e.id <= id && !e.finished && !e.interrupted && !e.failed) {
            e.interrupted = true;
            settle(e);
        }
}

void SpeechLog::failed(UtteranceId id) {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
        if (it->id == id) {
            if (!it->failed && !it->finished && !it->interrupted) {
                it->failed = true;
                settle(*it);
            }
            return;
        }
}

std::vector<SpokenEntry> SpeechLog::entries() const {
    std::lock_guard lock(mutex_);
    return entries_;
}

std::size_t SpeechLog::size() const {
    std::lock_guard lock(mutex_);
    return base_ + entries_.size();
}

bool SpeechLog::spokenSince(std::size_t since, std::string_view text) const {
    std::lock_guard lock(mutex_);
    for (std::size_t i = since > base_ ? since - base_ : 0; i < entries_.size(); ++i)
        if (!entries_[i].failed && entries_[i].text.find(text) != std::string::npos) return true;
    return false;
}

bool SpeechLog::heardSince(std::size_t since, std::string_view text) const {
    std::lock_guard lock(mutex_);
    for (std::size_t i = since > base_ ? since - base_ : 0; i < entries_.size(); ++i)
        if (entries_[i].heard() && entries_[i].text.find(text) != std::string::npos) return true;
    return false;
}

std::vector<std::string> SpeechLog::failedSince(std::size_t since) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (std::size_t i = since > base_ ? since - base_ : 0; i < entries_.size(); ++i)
        if (entries_[i].failed) out.push_back(entries_[i].logText);
    return out;
}

std::string SpeechLog::textsSince(std::size_t since) const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (std::size_t i = since > base_ ? since - base_ : 0; i < entries_.size(); ++i) {
        if (!out.empty()) out += " | ";
        out += entries_[i].logText;
    }
    return out;
}

void SpeechLog::wipe() {
    std::lock_guard lock(mutex_);
    for (auto& e : entries_) {
        if (!e.finished && !e.interrupted && !e.failed) {
            e.interrupted = true;
            settle(e);
        }
        secureWipe(e.text);
        secureWipe(e.logText);
    }
    base_ += entries_.size();
    entries_.clear();
}

}  // namespace guichet::speech
