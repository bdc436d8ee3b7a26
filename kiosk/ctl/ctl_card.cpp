// guichetctl card: decode an ATR, read the configured identifier from the first reader's
// card, or send raw APDUs. Talks to the first CCID reader over libusb, or to the emulator.
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "drivers/ccid/card_session.hpp"
#include "drivers/usb/discovery.hpp"
#include "kiosk/card/identifier_reader.hpp"
#include "kiosk/card/reader_sources.hpp"
#include "kiosk/ctl/command_registry.hpp"

namespace {

using namespace guichet;
using guichet::ctl::Args;

int usage() {
    std::fprintf(stderr,
                 "usage: guichetctl card atr HEX... [--json]\n"
                 "       guichetctl card read [--config FILE] [--emulator ct30|acr122u [--card t0|t1|contactless|mute]]\n"
                 "       guichetctl card apdu HEX [HEX...] [--emulator ct30|acr122u [--card ...]]\n");
    return 2;
}

std::string hexByte(std::uint8_t b) {
    char s[3];
    std::snprintf(s, sizeof s, "%02X", b);
    return s;
}

std::string interfaceName(const ccid::InterfaceByte& b) {
    return std::string("T") + b.kind + std::to_string(b.index);
}

int runAtr(const Args& args) {
    bool json = false;
    std::string hex;
    for (const auto& a : args) {
        if (a == "--json") json = true;
        else hex += a + " ";
    }
    auto bytes = fromHex(hex);
    if (hex.empty() || !bytes) {
        std::fprintf(stderr, "guichetctl card atr: '%s' is not hex (e.g. 3B F2 18 00 02 C1 0A 31 FE 58 C8 08 74)\n",
                     hex.c_str());
        return 2;
    }
    auto atr = ccid::parseAtr(*bytes, /*acceptBadTck=*/true);
    if (!atr) {
        std::fprintf(stderr, "guichetctl card atr: %s\n", atr.error().message.c_str());
        // Strict here, but say whether the terminal's card session would still use the card.
        if (auto bent = ccid::parseAtrLenient(*bytes))
            std::fprintf(stderr, "guichetctl card atr: the card session would still accept it (protocol T=%d), with a warning\n",
                         bent->atr.preferredProtocol());
        else
            std::fprintf(stderr, "guichetctl card atr: unusable: the card session would try the next voltage, then refuse it\n");
        return 1;
    }
    const auto& a = *atr;
    const char* convention = a.convention == ccid::Convention::Direct ? "direct" : "inverse";
    if (json) {
        nlohmann::json j;
        j["atr"] = toHex(a.raw);
        j["convention"] = convention;
        j["t0"] = hexByte(a.t0);
        j["interfaceBytes"] = nlohmann::json::array();
        for (const auto& b : a.interfaceBytes)
            j["interfaceBytes"].push_back({{"name", interfaceName(b)},
                                           {"value", hexByte(b.value)},
                                           {"protocol", b.protocol},
                                           {"meaning", ccid::describeInterfaceByte(b)}});
        j["protocols"] = a.protocols;
        j["preferredProtocol"] = a.preferredProtocol();
        j["historical"] = toHex(a.historical);
        j["tck"] = {{"present", a.tck.has_value()}, {"valid", a.tckValid}};
        if (a.tck) j["tck"]["value"] = hexByte(*a.tck);
        std::printf("%s\n", j.dump(2).c_str());
    } else {
        std::printf("ATR         %s\n", toHex(a.raw).c_str());
        std::printf("convention  %s\n", convention);
        std::printf("T0 = 0x%02X   %d historical bytes\n", a.t0, a.t0 & 0x0F);
        for (const auto& b : a.interfaceBytes) std::printf("  %s\n", ccid::describeInterfaceByte(b).c_str());
        std::string protocols;
        for (int p : a.protocols) protocols += "T=" + std::to_string(p) + " ";
        std::printf("protocols   %s(default T=%d)\n", protocols.c_str(), a.preferredProtocol());
        std::string text;
        for (auto c : a.historical) text += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : '.';
        std::printf("historical  %s  \"%s\"\n", toHex(a.historical).c_str(), text.c_str());
        if (a.tck) std::printf("TCK         0x%02X %s\n", *a.tck, a.tckValid ? "(valid)" : "(INVALID: corrupted ATR)");
        else std::printf("TCK         absent (only T=0 offered)\n");
    }
    return a.tckValid ? 0 : 1;
}

// The reader the command talks to: the first USB CCID reader, or an emulated one.
struct OpenReader {
    std::shared_ptr<usb::UsbContext> ctx;
    card::ReaderHandle handle;
    std::unique_ptr<ccid::CcidReader> reader;
    std::string name;
};

Result<OpenReader> openReader(const std::string& emulator, const std::string& cardKind) {
    OpenReader o;
    if (!emulator.empty()) {
        emu::ReaderModel model;
        if (emulator == "ct30") model = emu::idBridgeCt30();
        else if (emulator == "acr122u") model = emu::acr122u();
        else return makeError(ErrorCode::InvalidArgument, "--emulator must be ct30 or acr122u");
        auto device = std::make_shared<emu::EmulatedCcidReader>(model);
        const std::string k = cardKind.empty() ? (model.answersGetUid ? "contactless" : "t1") : cardKind;
        emu::VirtualCardProfile p;
        if (k == "t0") p = emu::cityCardT0();
        else if (k == "t1") p = emu::cityCardT1();
        else if (k == "contactless") p = emu::contactlessCityCard();
        else if (k == "mute") (p = emu::cityCardT1()).mute = true;
        else if (k != "none") return makeError(ErrorCode::InvalidArgument, "--card must be t0, t1, contactless, mute or none");
        if (k != "none") device->insertCard(p);
        o.name = model.name;
        o.handle = card::emulatedReaderHandle(device);
    } else {
        auto ctx = usb::UsbContext::create();
        if (!ctx) return ctx.error();
        o.ctx = *ctx;
        const usb::DeviceMatch ccidClass[] = {usb::DeviceMatch::byClass(usb::kClassCcid)};
        auto found = usb::findDevices(*o.ctx, ccidClass);
        if (!found) return found.error();
        if (found->empty())
            return makeError(ErrorCode::NotFound, "no CCID card reader found (is it plugged in? is pcscd holding it?)");
        auto h = card::openUsbReader(o.ctx, found->front());
        if (!h) return h.error();
        o.handle = std::move(*h);
        o.name = found->front().id();
    }
    o.reader = std::make_unique<ccid::CcidReader>(*o.handle.transport, o.handle.descriptor);
    return o;
}

struct Options {
    std::string config = "config/card.toml", emulator, card;
    std::vector<std::string> rest;
};

std::optional<Options> parseOptions(const Args& args) {
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        auto value = [&](std::string& into) {
            if (i + 1 >= args.size()) return false;
            into = args[++i];
            return true;
        };
        if (a == "--config") { if (!value(o.config)) return std::nullopt; }
        else if (a == "--emulator") { if (!value(o.emulator)) return std::nullopt; }
        else if (a == "--card") { if (!value(o.card)) return std::nullopt; }
        else if (a.rfind("--", 0) == 0) return std::nullopt;
        else o.rest.push_back(a);
    }
    return o;
}

Result<ccid::CardConnection> connect(OpenReader& r) {
    std::printf("reader      %s (%s)\n", r.name.c_str(), ccid::exchangeLevelName(r.handle.descriptor.exchangeLevel()));
    auto c = ccid::connectCard(*r.reader);
    if (!c) return c.error();
    std::printf("ATR         %s\n", toHex(c->atr.raw).c_str());
    std::printf("protocol    T=%d%s, %s\n", c->protocol, c->parametersSet ? "" : " (negotiated by the reader)",
                c->voltage ? ccid::voltageName(*c->voltage) : "?");
    return c;
}

int runRead(const Args& args) {
    auto o = parseOptions(args);
    if (!o || !o->rest.empty()) return usage();
    auto config = card::loadCardConfig(o->config);
    if (!config) {
        std::fprintf(stderr, "guichetctl card read: %s\n", config.error().message.c_str());
        return 1;
    }
    for (const auto& w : config->warnings) std::fprintf(stderr, "%s\n", w.c_str());
    auto r = openReader(o->emulator, o->card);
    if (!r) {
        std::fprintf(stderr, "guichetctl card read: %s\n", r.error().message.c_str());
        return r.error().code == ErrorCode::InvalidArgument ? 2 : 1;
    }
    auto c = connect(*r);
    if (!c) {
        std::fprintf(stderr, "guichetctl card read: %s\n", c.error().message.c_str());
        return 1;
    }
    auto id = card::readIdentifier(*c->channel, *config);
    (void)r->reader->powerOff();
    if (!id) {
        std::fprintf(stderr, "guichetctl card read: %s\n", id.error().message.c_str());
        return 1;
    }
    // The operator asked for it on purpose; it goes to stdout only, never to the log.
    std::printf("identifier  %s\n", id->c_str());
    card::wipeStorage(*id);
    return 0;
}

int runApdu(const Args& args) {
    auto o = parseOptions(args);
    if (!o || o->rest.empty()) return usage();
    std::vector<ccid::CommandApdu> commands;
    for (const auto& h : o->rest) {
        auto b = fromHex(h);
        auto c = b ? ccid::CommandApdu::parse(*b) : makeError(ErrorCode::InvalidArgument, "not hex");
        if (!c) {
            std::fprintf(stderr, "guichetctl card apdu: '%s': %s\n", h.c_str(), c.error().message.c_str());
            return 2;
        }
        commands.push_back(*c);
    }
    auto r = openReader(o->emulator, o->card);
    if (!r) {
        std::fprintf(stderr, "guichetctl card apdu: %s\n", r.error().message.c_str());
        return r.error().code == ErrorCode::InvalidArgument ? 2 : 1;
    }
    auto c = connect(*r);
    if (!c) {
        std::fprintf(stderr, "guichetctl card apdu: %s\n", c.error().message.c_str());
        return 1;
    }
    int rc = 0;
    for (const auto& cmd : commands) {
        std::printf("> %s\n", toHex(*cmd.encode()).c_str());
        auto resp = c->channel->transmit(cmd);
        if (!resp) {
            std::printf("! %s\n", resp.error().message.c_str());
            rc = 1;
            break;
        }
        std::printf("< %s%s%s\n", toHex(resp->data).c_str(), resp->data.empty() ? "" : "  ",
                    ccid::describeStatusWord(resp->sw).c_str());
    }
    (void)r->reader->powerOff();
    return rc;
}

int runCard(const Args& args) {
    if (args.empty()) return usage();
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "atr") return runAtr(rest);
    if (args[0] == "read") return runRead(rest);
    if (args[0] == "apdu") return runApdu(rest);
    return usage();
}

}  // namespace

GUICHETCTL_COMMAND("card", "smart cards: decode an ATR, read the identifier, send APDUs", runCard);
