// What the wizard and the screens may ask of the devices, whatever drives them (libusb
// drivers, emulators). Implemented in kiosk/ by the printer, card and scanner areas; the
// UI only sees these interfaces. Completion callbacks run on the UI thread (they are
// posted through MainThreadQueue), never on a device thread.
#pragma once

#include <functional>
#include <string>

#include "drivers/common/bytes.hpp"
#include "drivers/common/result.hpp"
#include "drivers/document/receipt_document.hpp"
#include "kiosk/devices/device_state.hpp"

namespace guichet {

class ReceiptPrinterService {
public:
    virtual ~ReceiptPrinterService() = default;
    virtual DeviceStatus status() const = 0;
    // Queues a receipt. Never blocks; a job interrupted by paper-out or an unplug is
    // retried when the printer is back, and `done` reports the final outcome.
    virtual void print(const doc::ReceiptDocument& receipt, std::function<void(Result<void>)> done) = 0;
};

class CardReaderService {
public:
    virtual ~CardReaderService() = default;
    virtual DeviceStatus status() const = 0;  // Absent, NoCard, CardPresent, Busy, Error
    // Powers the card and reads the configured identifier (personal data: the caller
    // wipes it with the session).
    virtual void readIdentifier(std::function<void(Result<std::string>)> done) = 0;
    virtual void cancel() = 0;
};

struct ScanRequest {
    bool feeder = false;  // platen by default
    bool color = true;
    int dpi = 300;
    // The box a preview of each page must fit (ScannedPage::preview), 0 x 0 for none. The
    // scanner's thread decodes it, so that a 300 dpi page never stalls the screen's frame.
    int previewWidth = 0;
    int previewHeight = 0;
};

// A page decoded at a reduced size as RGBA pixels, ready to upload as a texture.
// Personal data: wipe() it when the preview goes away.
struct PagePreview {
    int width = 0;
    int height = 0;
    Bytes rgba;  // width * height * 4, rows top to bottom
    void wipe() { secureWipe(rgba); width = height = 0; }
};

struct ScannedPage {
    Bytes jpeg;           // personal data: wipe after use
    int widthPx = 0;
    int heightPx = 0;
    int dpi = 0;
    PagePreview preview;  // empty unless the request asked for one (or the decode failed)
    void wipe() { secureWipe(jpeg); preview.wipe(); }
};

class ScannerService {
public:
    virtual ~ScannerService() = default;
    virtual DeviceStatus status() const = 0;  // Absent, Ready, Busy, FeederEmpty, Jam, Error
    // Scans one page (platen) or every page in the feeder; `progress` gets 0..1.
    virtual void scan(const ScanRequest& request, std::function<void(float)> progress,
                      std::function<void(Result<std::vector<ScannedPage>>)> done) = 0;
    virtual void cancel() = 0;
};

}  // namespace guichet
