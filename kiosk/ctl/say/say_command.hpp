// guichetctl say, as a function: guichetctl-say's main() calls it with the arguments that
// guichetctl passed on (kiosk/ctl/ctl_say.cpp).
#pragma once

#include "kiosk/ctl/command_registry.hpp"

namespace guichet::ctl {

int runSay(const Args& args);

}  // namespace guichet::ctl
