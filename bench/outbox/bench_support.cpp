#include "bench/outbox/bench_support.hpp"

#include <algorithm>
#include <fstream>
#include <random>

namespace guichet::bench {

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

static long statusField(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::string(key).size()));
    return -1;
}

long peakRssKb() { return statusField("VmHWM:"); }
long currentRssKb() { return statusField("VmRSS:"); }

Bytes randomBytes(std::size_t n) {
    static std::mt19937_64 rng(12345);
    Bytes b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
}

Submission benchSubmission(std::size_t payloadBytes, std::size_t attachmentBytes, const std::string& connector) {
    static std::mt19937_64 rng(777);
    Submission s;
    s.uuid = newUuid();
    s.reference = referenceFromUuid(s.uuid);
    s.procedureId = "signalement";
    s.connector = connector;
    s.language = "fr";
    s.terminalId = "bench";
    s.createdAt = 1790000000;
    std::string text(payloadBytes, 'a');
    for (auto& c : text) c = static_cast<char>('a' + rng() % 26);
    s.answers = {{"message", text}};
    if (attachmentBytes) s.attachments.push_back({"scan.pdf", "application/pdf", randomBytes(attachmentBytes)});
    return s;
}

}  // namespace guichet::bench
