#include "drivers/ccid/apdu.hpp"

#include <cstdio>

namespace guichet::ccid {

Result<Bytes> CommandApdu::encode() const {
    if (data.size() > 255)
        return makeError(ErrorCode::InvalidArgument, "APDU: " + std::to_string(data.size()) +
                                                         " data bytes, a short APDU carries at most 255");
    if (le && (*le < 1 || *le > 256))
        return makeError(ErrorCode::InvalidArgument, "APDU: Le " + std::to_string(*le) + " outside 1..256");
    Bytes b{cla, ins, p1, p2};
    if (!data.empty()) {
        b.push_back(static_cast<std::uint8_t>(data.size()));
        b.insert(b.end(), data.begin(), data.end());
    }
    if (le) b.push_back(static_cast<std::uint8_t>(*le & 0xFF));
    return b;
}

Result<CommandApdu> CommandApdu::parse(std::span<const std::uint8_t> b) {
    if (b.size() < 4) return makeError(ErrorCode::InvalidArgument, "APDU: fewer than 4 header bytes");
    CommandApdu c{b[0], b[1], b[2], b[3], {}, std::nullopt};
    const std::size_t n = b.size();
    if (n == 4) return c;
    if (n == 5) {
        c.le = b[4] ? b[4] : 256;
        return c;
    }
    const std::size_t lc = b[4];
    if (lc == 0)
        return makeError(ErrorCode::InvalidArgument, "APDU: extended length (Lc = 00) is not supported");
    if (n == 5 + lc) {
        c.data.assign(b.begin() + 5, b.end());
        return c;
    }
    if (n == 6 + lc) {
        c.data.assign(b.begin() + 5, b.end() - 1);
        c.le = b[n - 1] ? b[n - 1] : 256;
        return c;
    }
    return makeError(ErrorCode::InvalidArgument, "APDU: Lc says " + std::to_string(lc) + " data bytes but " +
                                                     std::to_string(n - 5) + " bytes follow the header");
}

Result<ResponseApdu> parseResponseApdu(std::span<const std::uint8_t> b) {
    if (b.size() < 2)
        return makeError(ErrorCode::Protocol, "APDU: the card answered " + std::to_string(b.size()) +
                                                  " bytes, no status word");
    ResponseApdu r;
    r.data.assign(b.begin(), b.end() - 2);
    r.sw = static_cast<std::uint16_t>(b[b.size() - 2] << 8 | b[b.size() - 1]);
    return r;
}

std::string describeStatusWord(std::uint16_t sw) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X ", sw);
    const std::uint8_t sw1 = sw >> 8, sw2 = sw & 0xFF;
    const char* what = nullptr;
    switch (sw) {
        case 0x9000: what = "success"; break;
        case 0x6281: what = "warning: part of the returned data may be corrupted"; break;
        case 0x6282: what = "warning: end of file reached before Le bytes"; break;
        case 0x6283: what = "warning: selected file deactivated"; break;
        case 0x6581: what = "memory failure"; break;
        case 0x6700: what = "wrong length"; break;
        case 0x6881: what = "logical channel not supported"; break;
        case 0x6882: what = "secure messaging not supported"; break;
        case 0x6981: what = "command incompatible with file structure"; break;
        case 0x6982: what = "security status not satisfied"; break;
        case 0x6983: what = "authentication method blocked"; break;
        case 0x6985: what = "conditions of use not satisfied"; break;
        case 0x6986: what = "command not allowed (no current EF)"; break;
        case 0x6A80: what = "incorrect parameters in the data field"; break;
        case 0x6A81: what = "function not supported"; break;
        case 0x6A82: what = "file or application not found"; break;
        case 0x6A83: what = "record not found"; break;
        case 0x6A86: what = "incorrect parameters P1-P2"; break;
        case 0x6A88: what = "referenced data not found"; break;
        case 0x6B00: what = "wrong parameters P1-P2 (offset outside the file)"; break;
        case 0x6D00: what = "instruction not supported"; break;
        case 0x6E00: what = "class not supported"; break;
        case 0x6F00: what = "no precise diagnosis"; break;
        default: break;
    }
    if (what) return hex + std::string(what);
    if (sw1 == 0x61) return hex + ("response bytes still available: " + std::to_string(sw2));
    if (sw1 == 0x6C) return hex + ("wrong Le: exact length is " + std::to_string(sw2));
    if (sw1 == 0x63 && (sw2 & 0xF0) == 0xC0) return hex + ("verification failed, " + std::to_string(sw2 & 0x0F) + " tries left");
    if (sw1 == 0x62 || sw1 == 0x63) return hex + std::string("warning");
    if (sw1 == 0x64 || sw1 == 0x65) return hex + std::string("execution error");
    if (sw1 == 0x68) return hex + std::string("function in CLA not supported");
    if (sw1 == 0x69) return hex + std::string("command not allowed");
    if (sw1 == 0x6A) return hex + std::string("wrong parameters");
    return hex + std::string("unknown status");
}

Error statusWordError(const char* command, std::uint16_t sw) {
    ErrorCode code = ErrorCode::Rejected;
    if (sw == 0x6A82 || sw == 0x6A83 || sw == 0x6A88) code = ErrorCode::NotFound;
    else if (sw == 0x6982 || sw == 0x6983) code = ErrorCode::PermissionDenied;
    else if (sw == 0x6D00 || sw == 0x6E00 || sw == 0x6A81) code = ErrorCode::NotSupported;
    return Error{code, std::string(command) + ": card answered " + describeStatusWord(sw)};
}

namespace apdu {

CommandApdu selectByAid(std::span<const std::uint8_t> aid) {
    return {0x00, 0xA4, 0x04, 0x00, Bytes(aid.begin(), aid.end()), 256};
}
CommandApdu selectFile(std::uint16_t fid) {
    return {0x00, 0xA4, 0x02, 0x0C, Bytes{static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid)},
            std::nullopt};
}
CommandApdu readBinary(std::uint16_t offset, int length) {
    return {0x00, 0xB0, static_cast<std::uint8_t>(offset >> 8 & 0x7F), static_cast<std::uint8_t>(offset), {}, length};
}
CommandApdu getResponse(std::uint8_t length) { return {0x00, 0xC0, 0x00, 0x00, {}, length ? length : 256}; }
CommandApdu getUid() { return {0xFF, 0xCA, 0x00, 0x00, {}, 256}; }

Result<ResponseApdu> select(ApduChannel& channel, std::span<const std::uint8_t> aid) {
    if (aid.size() < 5 || aid.size() > 16)
        return makeError(ErrorCode::InvalidArgument, "SELECT: an AID has 5 to 16 bytes, got " + std::to_string(aid.size()));
    auto r = channel.transmit(selectByAid(aid));
    if (!r) return r.error();
    if (!r->ok() && r->sw1() != 0x62 && r->sw1() != 0x63) return statusWordError("SELECT", r->sw);
    return r;
}

Result<Bytes> readBinary(ApduChannel& channel, std::uint16_t offset, int length) {
    if (length <= 0 || offset + length > 0x8000)
        return makeError(ErrorCode::InvalidArgument, "READ BINARY: length must be 1..32767 within the file");
    Bytes out;
    while (static_cast<int>(out.size()) < length) {
        const int chunk = std::min(256, length - static_cast<int>(out.size()));
        auto r = channel.transmit(apdu::readBinary(static_cast<std::uint16_t>(offset + out.size()), chunk));
        if (!r) {
            secureWipe(out);
            return r.error();
        }
        const bool endOfFile = r->sw == 0x6282;
        if (!r->ok() && !endOfFile) {
            secureWipe(out);
            secureWipe(r->data);
            return statusWordError("READ BINARY", r->sw);
        }
        out.insert(out.end(), r->data.begin(), r->data.end());
        const bool shortRead = r->data.size() < static_cast<std::size_t>(chunk);
        secureWipe(r->data);
        if (endOfFile || shortRead) break;
    }
    return out;
}

Result<Bytes> readUid(ApduChannel& channel) {
    auto r = channel.transmit(getUid());
    if (!r) return r.error();
    if (!r->ok()) return statusWordError("GET UID (FF CA)", r->sw);
    if (r->data.empty()) return makeError(ErrorCode::Protocol, "GET UID (FF CA): the reader returned no UID");
    return std::move(r->data);
}

}  // namespace apdu

}  // namespace guichet::ccid
