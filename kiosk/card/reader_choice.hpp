// Which card reader the terminal uses when several are plugged in. Pure logic, no USB: the
// configured one wins ([card] reader = "usb:VID:PID[@PORT]"), else the one in use stays,
// else the first seen. Every other reader is listed as ignored, with a reason in plain
// French for the operator (`guichetctl devices`), and never used behind their back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace guichet::card {

struct IgnoredReader {
    std::string deviceId;
    std::string reason;
};

struct ReaderChoice {
    std::string inUse;  // device id, "" = no reader
    std::vector<IgnoredReader> ignored;
};

// "usb:08e6:3437" or "usb:08e6:3437@1-4" (4 hex digits each; a port is "BUS-PORT[.PORT…]").
bool isReaderSelector(std::string_view selector);
// A device id ("usb:08e6:3437@1-4") fits a selector with the same ids, and the same port
// when the selector names one.
bool readerMatches(std::string_view selector, std::string_view deviceId);

// `present`: the device ids of the readers plugged in, in the order they were seen;
// `configured`: the selector from the configuration ("" = none); `current`: the one in use.
ReaderChoice chooseReader(const std::vector<std::string>& present, const std::string& configured,
                          const std::string& current);

}  // namespace guichet::card
