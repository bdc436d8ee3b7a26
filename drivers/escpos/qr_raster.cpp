#include "drivers/escpos/qr_raster.hpp"

#include <qrencode.h>

#include <string>

namespace guichet::escpos {

bool qrFits(std::string_view data) {
    if (data.empty()) return false;
    if (data.size() <= 1000) return true;  // far below QR's byte capacity at level M (2331)
    const std::string text(data);
    QRcode* qr = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
    if (!qr) return false;
    QRcode_free(qr);
    return true;
}

Result<BitImage> rasterQr(std::string_view data, int moduleDots, int paperWidth) {
    const std::string text(data);
    QRcode* qr = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
    if (!qr) return makeError(ErrorCode::InvalidArgument, "QR data too long or not encodable");
    const int quiet = 4;
    int size = (qr->width + 2 * quiet) * moduleDots;
    if (size > paperWidth) {  // shrink the modules rather than overflow the paper
        moduleDots = std::max(1, paperWidth / (qr->width + 2 * quiet));
        size = (qr->width + 2 * quiet) * moduleDots;
    }
    BitImage img;
    img.width = paperWidth;
    img.height = size;
    img.bytesPerRow = (paperWidth + 7) / 8;
    img.bits.assign(static_cast<std::size_t>(img.bytesPerRow) * img.height, 0);
    const int left = (paperWidth - size) / 2 + quiet * moduleDots, top = quiet * moduleDots;
    for (int my = 0; my < qr->width; ++my) {
        for (int mx = 0; mx < qr->width; ++mx) {
            if (!(qr->data[my * qr->width + mx] & 1)) continue;
            for (int dy = 0; dy < moduleDots; ++dy) {
                const int y = top + my * moduleDots + dy;
                for (int dx = 0; dx < moduleDots; ++dx) {
                    const int x = left + mx * moduleDots + dx;
                    img.bits[static_cast<std::size_t>(y) * img.bytesPerRow + x / 8] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
                }
            }
        }
    }
    QRcode_free(qr);
    return img;
}

}  // namespace guichet::escpos
