// The software's version: from git when built from a clone, the Debian package's version
// once packaged. `guichet --version` and `guichetctl --version` print the same string.
#pragma once

namespace guichet {

const char* softwareVersion();  // "0.1+642.gf020dee", "0.1+642.gf020dee-1"

}  // namespace guichet
