// guichetctl pin hash: reads the operator console's PIN (twice, from the terminal, or
// once from stdin when piped) and prints its argon2id hash for terminal.toml
// ([console] pin_hash). The PIN itself is never printed, stored nor logged.
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "kiosk/ctl/command_registry.hpp"

namespace {

std::string readSecret(const char* prompt) {
    bool tty = isatty(STDIN_FILENO);
    termios old{};
    if (tty) {
        std::fprintf(stderr, "%s", prompt);
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fprintf(stderr, "\n");
    }
    return line;
}

void wipe(std::string& s) { sodium_memzero(s.data(), s.size()); }

int runPin(const guichet::ctl::Args& args) {
    if (args.size() != 1 || args[0] != "hash") {
        std::fprintf(stderr, "usage: guichetctl pin hash    (reads the PIN, prints its argon2id hash)\n");
        return 2;
    }
    if (sodium_init() < 0) return 1;
    std::string pin = readSecret("Code PIN (4 à 8 chiffres) : ");
    bool digits = pin.size() >= 4 && pin.size() <= 8 && pin.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
        wipe(pin);
        std::fprintf(stderr, "guichetctl pin: the PIN must be 4 to 8 digits (the console's pad has digits only)\n");
        return 1;
    }
    if (isatty(STDIN_FILENO)) {
        std::string again = readSecret("Le même code, encore : ");
        bool same = again == pin;
        wipe(again);
        if (!same) {
            wipe(pin);
            std::fprintf(stderr, "guichetctl pin: the two PINs differ; nothing was changed\n");
            return 1;
        }
    }
    char hash[crypto_pwhash_STRBYTES];
    int rc = crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
    wipe(pin);
    if (rc != 0) {
        std::fprintf(stderr, "guichetctl pin: out of memory while hashing\n");
        return 1;
    }
    std::printf("%s\n", hash);
    return 0;
}

}  // namespace

GUICHETCTL_COMMAND("pin", "hash the operator console's PIN (argon2id) for terminal.toml", runPin);
