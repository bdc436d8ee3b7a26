#include "ui/integration/receipt_files.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "drivers/common/log.hpp"
#include "drivers/emulators/printer/paper_png.hpp"

namespace guichet::ui::integration {

struct ReceiptFiles::State {
    mutable std::mutex mutex;
    int count = 0;
    std::optional<std::vector<std::string>> last;
};

ReceiptFiles::ReceiptFiles(std::string dir) : dir_(std::move(dir)), state_(std::make_shared<State>()) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) log::warning("devices", dir_ + ": cannot create the receipts folder: " + ec.message());
}

std::vector<std::string> receiptText(const emu::Paper& paper) {
    std::vector<std::string> out = paper.textLines();
    for (const auto& image : paper.images)
        if (image.isQr) out.push_back("QR: " + image.qrData);
    return out;
}

void ReceiptFiles::write(const emu::Paper& paper) {
    std::vector<std::string> text = receiptText(paper);
    int n = 0;
    {
        std::lock_guard lock(state_->mutex);
        n = ++state_->count;
        state_->last = text;
    }
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char base[64];
    std::snprintf(base, sizeof base, "/receipt-%04d%02d%02d-%02d%02d%02d-%03d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, n);
    if (auto w = emu::writePng(paper, dir_ + base + ".png"); !w) log::warning("devices", w.error().message);
    std::ofstream txt(dir_ + base + ".txt");
    for (const auto& line : text) txt << line << '\n';
    if (!txt) log::warning("devices", dir_ + base + ".txt: cannot write the receipt's text");
}

std::optional<std::vector<std::string>> ReceiptFiles::last() const {
    std::lock_guard lock(state_->mutex);
    return state_->last;
}

}  // namespace guichet::ui::integration
