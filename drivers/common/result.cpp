#include "drivers/common/result.hpp"

namespace guichet {

const char* errorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::Timeout: return "timeout";
        case ErrorCode::Disconnected: return "disconnected";
        case ErrorCode::Stall: return "stall";
        case ErrorCode::Io: return "io";
        case ErrorCode::Protocol: return "protocol";
        case ErrorCode::InvalidArgument: return "invalid-argument";
        case ErrorCode::NotSupported: return "not-supported";
        case ErrorCode::Busy: return "busy";
        case ErrorCode::NotFound: return "not-found";
        case ErrorCode::Cancelled: return "cancelled";
        case ErrorCode::Corrupt: return "corrupt";
        case ErrorCode::NoSpace: return "no-space";
        case ErrorCode::PermissionDenied: return "permission-denied";
        case ErrorCode::Rejected: return "rejected";
    }
    return "unknown";
}

}  // namespace guichet
