// A QR code drawn as a raster image (libqrencode), for printers without native GS ( k QR.
#pragma once

#include <string_view>

#include "drivers/common/result.hpp"
#include "drivers/escpos/raster.hpp"

namespace guichet::escpos {

// `moduleDots` dots per module, a 4-module quiet zone, centred on `paperWidth` dots.
// Error level M. InvalidArgument if the data does not fit a QR code.
Result<BitImage> rasterQr(std::string_view data, int moduleDots, int paperWidth);

}  // namespace guichet::escpos
