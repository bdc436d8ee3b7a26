// A SubmissionStore that keeps submissions in memory: for tests and the headless demo,
// until the outbox's SQLite store is wired in. Can be told to fail (disk full) to test
// that the wizard keeps the answers and lets the resident retry.
#pragma once

#include <vector>

#include "kiosk/submission/submission.hpp"

namespace guichet::procedures {

class InMemorySubmissionStore : public SubmissionStore {
public:
    Result<void> store(const Submission& submission) override {
        if (failNext_ > 0) {
            --failNext_;
            return makeError(ErrorCode::NoSpace, "in-memory store told to fail");
        }
        stored_.push_back(submission);
        return {};
    }
    void failNext(int count = 1) { failNext_ = count; }
    const std::vector<Submission>& stored() const { return stored_; }
    ~InMemorySubmissionStore() override {
        for (auto& s : stored_) s.wipe();
    }

private:
    std::vector<Submission> stored_;
    int failNext_ = 0;
};

}  // namespace guichet::procedures
