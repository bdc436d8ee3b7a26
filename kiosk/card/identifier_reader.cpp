#include "kiosk/card/identifier_reader.hpp"

#include <algorithm>

namespace guichet::card {

namespace {

// Leaves out the padding that fixed-size files carry (00, FF, spaces) at the end.
std::size_t contentLength(const Bytes& b) {
    std::size_t n = b.size();
    while (n > 0 && (b[n - 1] == 0x00 || b[n - 1] == 0xFF || b[n - 1] == ' ')) --n;
    return n;
}

Error notACityCard(const Error& e) { return Error{ErrorCode::Rejected, "card: " + e.message + " (not a city card?)"}; }

}  // namespace

Result<std::string> readIdentifier(ccid::ApduChannel& ch, const CardConfig& config) {
    using namespace ccid;
    Bytes raw;
    if (config.source == IdentifierSource::ContactlessUid) {
        auto uid = apdu::readUid(ch);
        if (!uid) return uid.error().code == ErrorCode::Rejected || uid.error().code == ErrorCode::NotSupported
                             ? notACityCard(uid.error())
                             : uid.error();
        raw = std::move(*uid);
        std::string out = toHex(raw, false);
        secureWipe(raw);
        return out;
    }
    auto sel = apdu::select(ch, config.aid);
    if (!sel) return sel.error().code == ErrorCode::NotFound || sel.error().code == ErrorCode::Rejected ||
                             sel.error().code == ErrorCode::NotSupported
                         ? notACityCard(sel.error())
                         : sel.error();
    secureWipe(sel->data);
    auto file = ch.transmit(apdu::selectFile(config.fileId));
    if (!file) return file.error();
    if (!file->ok()) return notACityCard(statusWordError("SELECT FILE", file->sw));
    auto data = apdu::readBinary(ch, static_cast<std::uint16_t>(config.offset), config.length);
    if (!data) return data.error().code == ErrorCode::NotFound ? notACityCard(data.error()) : data.error();
    raw = std::move(*data);

    const std::size_t n = contentLength(raw);
    if (n == 0) {
        secureWipe(raw);
        return makeError(ErrorCode::Corrupt, "card: the identifier file is empty");
    }
    std::string out;
    if (config.encoding == IdentifierEncoding::Hex) {
        out = toHex(raw.data(), n, false);
    } else {
        const bool printable = std::all_of(raw.begin(), raw.begin() + static_cast<long>(n),
                                           [](std::uint8_t c) { return c >= 0x20 && c < 0x7F; });
        if (!printable) {
            secureWipe(raw);
            return makeError(ErrorCode::Corrupt,
                             "card: the identifier file holds non-text bytes (set encoding = \"hex\" in card.toml?)");
        }
        out.assign(raw.begin(), raw.begin() + static_cast<long>(n));
    }
    secureWipe(raw);
    return out;
}

std::string residentMessage(const Error& e) {
    switch (e.code) {
        case ErrorCode::NotFound:
            return "Aucun lecteur de carte n’est disponible. Touchez « Je n’ai pas ma carte » pour saisir votre numéro.";
        case ErrorCode::Disconnected:
            return "Le lecteur de carte ne répond plus. Touchez « Je n’ai pas ma carte » pour saisir votre numéro.";
        case ErrorCode::Timeout:
            return "La carte ne répond pas. Retirez-la, puis insérez-la à nouveau, puce vers le haut "
                   "(ou reposez-la à plat sur le lecteur).";
        case ErrorCode::Rejected:
            return "Cette carte n’est pas une carte de la ville. Reprenez-la et touchez « Je n’ai pas ma carte ».";
        case ErrorCode::Corrupt:
            return "Le numéro de cette carte est illisible. Reprenez-la et touchez « Je n’ai pas ma carte ».";
        case ErrorCode::Cancelled: return "Lecture de la carte annulée.";
        default:
            return "La lecture de la carte a échoué. Retirez la carte et réessayez, ou touchez « Je n’ai pas ma carte ».";
    }
}

}  // namespace guichet::card
