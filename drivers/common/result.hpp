// Errors as values for code that talks to devices, disks and networks: a Result<T> holds
// either a T or an Error (a machine-readable code plus an operator-readable message).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace guichet {

enum class ErrorCode {
    Timeout,          // the peer did not answer in time
    Disconnected,     // the device went away (unplugged) or the connection closed
    Stall,            // USB endpoint halted
    Io,               // any other transport or file I/O failure
    Protocol,         // malformed or unexpected bytes from a device or a server
    InvalidArgument,  // the caller passed something nonsensical
    NotSupported,     // the device or profile cannot do this
    Busy,             // the resource is held by someone else
    NotFound,         // no such device, file, record
    Cancelled,        // cancelled by the caller or the user
    Corrupt,          // stored data failed an integrity check
    NoSpace,          // disk full
    PermissionDenied, // access refused (file mode, credentials)
    Rejected,         // the remote side refused permanently (4xx)
};

const char* errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code;
    std::string message;  // for operators and logs; never holds personal data
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }

private:
    Error error_{ErrorCode::Io, {}};
    bool ok_ = true;
};

inline Error makeError(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace guichet
