#include "kiosk/card/card_config.hpp"

#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "kiosk/card/reader_choice.hpp"

namespace guichet::card {

namespace {

std::string where(const std::string& file, const toml::source_region& r) {
    return file + ":" + std::to_string(r.begin.line);
}

Error bad(const std::string& at, const std::string& what) { return makeError(ErrorCode::InvalidArgument, at + ": " + what); }

}  // namespace

Result<CardConfig> parseCardConfig(std::string_view text, const std::string& file) {
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        return bad(where(file, e.source()), std::string(e.description()));
    }
    return cardConfigFromToml(root, file);
}

CardConfig demoCardConfig() {
    CardConfig c;
    c.aid = Bytes{0xF0, 'G', 'U', 'I', 'C', 'H', 'E', 'T'};
    c.fileId = 0xE101;
    c.length = 15;
    return c;
}

Result<CardConfig> cardConfigFromToml(const toml::table& root, const std::string& file) {
    CardConfig c;
    const toml::table* t = root["card"].as_table();
    if (!t) return bad(file + ":1", "missing [card] table");
    const std::string at = where(file, t->source());

    static const char* known[] = {"identifier", "aid", "file", "offset", "length", "encoding", "timeout_ms", "reader"};
    for (const auto& [key, node] : *t) {
        bool ok = false;
        for (const char* k : known) ok |= key.str() == k;
        if (!ok) return bad(where(file, node.source()), "unknown key '" + std::string(key.str()) + "' in [card]");
    }

    auto str = [&](const char* key) -> const toml::value<std::string>* { return (*t)[key].as_string(); };
    auto node = [&](const char* key) { return (*t)[key].node(); };

    std::string identifier = "file";
    if (node("identifier")) {
        if (!str("identifier")) return bad(where(file, node("identifier")->source()), "identifier must be a string");
        identifier = str("identifier")->get();
    }
    if (identifier == "uid") {
        c.source = IdentifierSource::ContactlessUid;
        c.warnings.push_back(where(file, node("identifier")->source()) +
                             ": warning: identifier = \"uid\" reads the contactless UID. Cards that draw a random UID "
                             "at each power-up (identity cards, passports, most bank cards) cannot be identified this "
                             "way; use it only for city cards with a fixed UID");
    } else if (identifier != "file") {
        return bad(where(file, node("identifier")->source()),
                   "identifier must be \"file\" (an application's file) or \"uid\" (contactless UID), not \"" +
                       identifier + "\"");
    }

    if (auto* n = node("timeout_ms")) {
        auto v = n->value<std::int64_t>();
        if (!v || *v < 100 || *v > 60000) return bad(where(file, n->source()), "timeout_ms must be 100..60000");
        c.commandTimeout = std::chrono::milliseconds(*v);
    }
    if (auto* n = node("reader")) {
        const std::string r = str("reader") ? str("reader")->get() : "";
        if (!isReaderSelector(r))
            return bad(where(file, n->source()),
                       "reader must be \"usb:VID:PID\" or \"usb:VID:PID@PORT\" as guichetctl devices shows it "
                       "(e.g. \"usb:08e6:3437\" or \"usb:08e6:3437@1-4\"), not \"" + r + "\"");
        c.reader = r;
    }
    if (c.source == IdentifierSource::ContactlessUid) {
        for (const char* k : {"aid", "file"})
            if (node(k)) c.warnings.push_back(where(file, node(k)->source()) + ": warning: '" + k +
                                              "' is ignored with identifier = \"uid\"");
        return c;
    }

    if (!node("aid")) return bad(at, "identifier = \"file\" needs aid = \"<hex>\" (the application's AID)");
    if (!str("aid")) return bad(where(file, node("aid")->source()), "aid must be a hex string");
    auto aid = fromHex(str("aid")->get());
    if (!aid || aid->size() < 5 || aid->size() > 16)
        return bad(where(file, node("aid")->source()), "aid must be 5 to 16 bytes of hex, e.g. \"F0 47 55 49 43 48 45 54\"");
    c.aid = *aid;

    if (!node("file")) return bad(at, "identifier = \"file\" needs file = \"<4 hex digits>\" (the EF id)");
    auto fid = str("file") ? fromHex(str("file")->get()) : std::nullopt;
    if (!fid || fid->size() != 2)
        return bad(where(file, node("file")->source()), "file must be a 2-byte file id in hex, e.g. \"E101\"");
    c.fileId = static_cast<std::uint16_t>((*fid)[0] << 8 | (*fid)[1]);

    if (auto* n = node("offset")) {
        auto v = n->value<std::int64_t>();
        if (!v || *v < 0 || *v > 0x7FFF) return bad(where(file, n->source()), "offset must be 0..32767");
        c.offset = static_cast<int>(*v);
    }
    if (auto* n = node("length")) {
        auto v = n->value<std::int64_t>();
        if (!v || *v < 1 || *v > 256) return bad(where(file, n->source()), "length must be 1..256 bytes");
        c.length = static_cast<int>(*v);
    }
    if (auto* n = node("encoding")) {
        const std::string e = str("encoding") ? str("encoding")->get() : "";
        if (e == "ascii") c.encoding = IdentifierEncoding::Ascii;
        else if (e == "hex") c.encoding = IdentifierEncoding::Hex;
        else return bad(where(file, n->source()), "encoding must be \"ascii\" or \"hex\"");
    }
    return c;
}

Result<CardConfig> loadCardConfig(const std::string& path) {
    std::ifstream in(path);
    if (!in) return makeError(ErrorCode::NotFound, path + ": cannot open the card configuration");
    std::stringstream ss;
    ss << in.rdbuf();
    return parseCardConfig(ss.str(), path);
}

}  // namespace guichet::card
