#include "kiosk/devices/devices_report.hpp"

#include <nlohmann/json.hpp>

namespace guichet {

const char* deviceKindLabelFr(DeviceKind kind) {
    switch (kind) {
        case DeviceKind::Printer: return "Imprimante de tickets";
        case DeviceKind::CardReader: return "Lecteur de cartes";
        case DeviceKind::Scanner: return "Scanner";
    }
    return "Appareil";
}

const char* deviceStatusLabelFr(DeviceStatus s) {
    // Phrases that need no agreement with the device's name (imprimante / lecteur / scanner).
    switch (s) {
        case DeviceStatus::Absent: return "aucun appareil branché";
        case DeviceStatus::Ready: return "en service";
        case DeviceStatus::Busy: return "en cours d'utilisation";
        case DeviceStatus::PaperLow: return "en service, papier bientôt épuisé";
        case DeviceStatus::PaperOut: return "plus de papier";
        case DeviceStatus::CoverOpen: return "capot ouvert";
        case DeviceStatus::NoCard: return "en service, pas de carte";
        case DeviceStatus::CardPresent: return "en service, carte insérée";
        case DeviceStatus::FeederEmpty: return "en service, chargeur vide";
        case DeviceStatus::Jam: return "bourrage papier";
        case DeviceStatus::Error: return "en panne";
        case DeviceStatus::Unknown: return "état inconnu (l'appareil ne le dit pas)";
    }
    return "état inconnu";
}

std::string devicesJson(const std::vector<DeviceEvent>& devices) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : devices) {
        const bool ignored = !d.ignoredBecause.empty();
        list.push_back({{"kind", deviceKindName(d.kind)},
                        {"id", d.deviceId},
                        {"state", ignored ? "ignored" : deviceStatusName(d.status)},
                        {"in_use", !ignored && d.status != DeviceStatus::Absent},
                        {"detail", d.detail},
                        {"ignored_because", d.ignoredBecause}});
    }
    return nlohmann::json{{"devices", list}}.dump(2) + "\n";
}

std::string devicesText(const std::vector<DeviceEvent>& devices) {
    std::string out;
    for (const auto& d : devices) {
        out += deviceKindLabelFr(d.kind);
        out += " : ";
        if (!d.ignoredBecause.empty()) {
            out += "ignoré (" + d.deviceId + ") — " + d.ignoredBecause;
        } else {
            out += deviceStatusLabelFr(d.status);
            if (!d.deviceId.empty()) out += " (" + d.deviceId + ")";
            if (!d.detail.empty() && d.status != DeviceStatus::Absent) out += " — " + d.detail;
        }
        out += "\n";
    }
    return out;
}

}  // namespace guichet
