#include "tests/payment/usb_tpe_function.hpp"

namespace guichet::test {

namespace serial = payment::serial;

FakeDeviceSpec fakeTpeSpec() {
    FakeDeviceSpec s;
    s.vendorId = 0x0b00;
    s.productId = 0x0084;
    s.deviceClass = 0x02;
    s.manufacturer = "Fake TPE";
    s.product = "Caisse-AP test terminal";
    FakeInterface comm;
    comm.number = 0;
    comm.cls = 0x02;
    comm.subClass = 0x02;  // ACM
    comm.protocol = 0x01;
    comm.endpoints = {{0x83, 0x03, 16, 10}};
    FakeInterface data;
    data.number = 1;
    data.cls = 0x0A;
    data.endpoints = {{kTpeIn, 0x02, 64, 0}, {kTpeOut, 0x02, 64, 0}};
    s.interfaces = {comm, data};
    return s;
}

Bytes UsbTpeFunction::hostBytes() const {
    std::lock_guard l(mutex_);
    return hostBytes_;
}
bool UsbTpeFunction::requestReceived() const {
    std::lock_guard l(mutex_);
    return !request_.empty();
}
int UsbTpeFunction::naksReceived() const {
    std::lock_guard l(mutex_);
    return naks_;
}
int UsbTpeFunction::controlRequests() const {
    std::lock_guard l(mutex_);
    return controls_;
}

std::optional<Bytes> UsbTpeFunction::onControl(const SetupPacket& setup, std::span<const std::uint8_t>) {
    std::lock_guard l(mutex_);
    ++controls_;
    if (setup.requestType == 0x21 && setup.request == 0x22) return Bytes{};  // SET_CONTROL_LINE_STATE
    return std::nullopt;
}

bool UsbTpeFunction::onOut(std::uint8_t endpoint, std::span<const std::uint8_t> data) {
    if (endpoint != kTpeOut) return false;
    std::lock_guard l(mutex_);
    hostBytes_.insert(hostBytes_.end(), data.begin(), data.end());
    for (std::uint8_t b : data) {
        if (phase_ == Phase::Done && b == serial::ENQ) {  // the next transaction
            phase_ = Phase::Idle;
            request_.clear();
            reader_.reset();
        }
        switch (phase_) {
            case Phase::Idle:
            case Phase::GotRequest:
                if (b == serial::ENQ && phase_ == Phase::Idle) {
                    toHost_.push_back(serial::ACK);
                    continue;
                }
                if (b == serial::EOT && phase_ == Phase::GotRequest) {
                    // The register gave the line back: the transaction starts (card, PIN…).
                    answer_ = tpe_.answerRaw(request_);
                    answerAt_ = std::chrono::steady_clock::now() + tpe_.script().delay;
                    phase_ = Phase::Working;
                    continue;
                }
                if (auto st = reader_.feed(b); st == serial::FrameReader::State::Good) {
                    request_ = reader_.message();
                    phase_ = Phase::GotRequest;
                    toHost_.push_back(serial::ACK);
                } else if (st == serial::FrameReader::State::Bad) {
                    toHost_.push_back(serial::NAK);
                }
                break;
            case Phase::AnswerEnq:
                if (b == serial::ACK) {
                    auto f = serial::frame(answer_);
                    Bytes framed = *f;
                    if (corruptNext_) {
                        framed.back() ^= 0x5A;
                        corruptNext_ = false;
                    }
                    toHost_.insert(toHost_.end(), framed.begin(), framed.end());
                    phase_ = Phase::AnswerSent;
                }
                break;
            case Phase::AnswerSent:
                if (b == serial::ACK) {
                    toHost_.push_back(serial::EOT);
                    phase_ = Phase::Done;
                } else if (b == serial::NAK) {
                    ++naks_;
                    auto f = serial::frame(answer_);
                    toHost_.insert(toHost_.end(), f->begin(), f->end());
                }
                break;
            default: break;
        }
    }
    return true;
}

InReply UsbTpeFunction::onIn(std::uint8_t endpoint, std::size_t max) {
    if (endpoint != kTpeIn) return InReply::pending();
    std::lock_guard l(mutex_);
    if (phase_ == Phase::Working && std::chrono::steady_clock::now() >= answerAt_ &&
        tpe_.script().behaviour != emu::TpeBehaviour::Silent) {
        toHost_.push_back(serial::ENQ);  // the TPE takes the line to answer
        phase_ = Phase::AnswerEnq;
    }
    if (toHost_.empty()) return InReply::pending();
    Bytes out;
    while (!toHost_.empty() && out.size() < max) {
        out.push_back(toHost_.front());
        toHost_.pop_front();
    }
    return InReply::bytes(std::move(out));
}

}  // namespace guichet::test
