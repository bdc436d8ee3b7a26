// A QR code drawn as a raster image (libqrencode), for printers without native GS ( k QR.
#pragma once

#include <string_view>

#include "drivers/common/result.hpp"
#include "drivers/escpos/raster.hpp"

namespace guichet::escpos {

// `moduleDots` dots per module, a 4-module quiet zone, centred on `paperWidth` dots.
// Error level M. InvalidArgument if the data does not fit a QR code.
Result<BitImage> rasterQr(std::string_view data, int moduleDots, int paperWidth);

// Whether `data` fits one QR symbol at level M (what the layout asks for). Checked before a
// native GS ( k store: a printer given too much data prints nothing or a QR of a truncated,
// wrong text.
bool qrFits(std::string_view data);

}  // namespace guichet::escpos
