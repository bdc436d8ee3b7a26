// guichetctl-say: `guichetctl say` in its own program, the only part of the operator's tool
// that links the speech synthesiser and SDL audio (see say_command.cpp).
#include "kiosk/ctl/say/say_command.hpp"

int main(int argc, char** argv) { return guichet::ctl::runSay(guichet::ctl::Args(argv + 1, argv + argc)); }
