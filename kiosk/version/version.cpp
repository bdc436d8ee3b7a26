#include "kiosk/version/version.hpp"

#include "guichet_version.h"  // generated at build time (cmake/version.cmake)

namespace guichet {

const char* softwareVersion() { return GUICHET_VERSION_STRING; }

}  // namespace guichet
