#include "ui/wizard/receipt_view.hpp"

#include <qrencode.h>

#include <imgui.h>

#include "kiosk/i18n/i18n.hpp"
#include "ui/core/widgets.hpp"

namespace guichet::ui::wizard {

namespace {

void drawQr(UiContext& ctx, const doc::Qr& qr) {
    QRcode* code = QRcode_encodeString(qr.data.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) {
        paragraph(ctx, qr.caption);
        return;
    }
    const float module = ctx.px(8);
    const int quiet = 4;  // modules of white border, as the QR specification asks
    const float side = (code->width + 2 * quiet) * module;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1) {
                ImVec2 a(pos.x + (x + quiet) * module, pos.y + (y + quiet) * module);
                dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
            }
    QRcode_free(code);
    a11y::Node node;
    node.role = a11y::Role::Image;
    node.label = qr.caption;  // the QR says in words what it holds (A1)
    node.rect = {pos.x, pos.y, side, side};
    if (!ctx.inert) ctx.tree.add(std::move(node));
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + side + ctx.px(12)));
    ImGui::Dummy(ImVec2(1, 0));
    paragraph(ctx, qr.caption, true);
}

}  // namespace

std::vector<Block> receiptBlocks(UiContext& ctx, const doc::ReceiptDocument& receipt, const std::string& reference) {
    std::vector<Block> out;
    for (const auto& e : receipt.elements) {
        if (auto* t = std::get_if<doc::Text>(&e)) {
            std::string text = t->text;
            bool large = t->large;
            out.push_back({[&ctx, text, large] { large ? heading(ctx, text) : paragraph(ctx, text); }, false, -1});
        } else if (auto* r = std::get_if<doc::Row>(&e)) {
            if (!reference.empty() && r->value == reference) continue;  // in the reference box already
            std::string line = r->label + _(" : ") + r->value;
            out.push_back({[&ctx, line] { paragraph(ctx, line); }, false, -1});
        } else if (std::holds_alternative<doc::Separator>(e)) {
            out.push_back({[&ctx] { spacing(ctx, 12); }, false, -1});
        } else if (auto* q = std::get_if<doc::Qr>(&e)) {
            doc::Qr qr = *q;
            out.push_back({[&ctx, qr] { drawQr(ctx, qr); }, false, -1});
        } else if (auto* f = std::get_if<doc::Feed>(&e)) {
            float lines = 12.0f * f->lines;
            out.push_back({[&ctx, lines] { spacing(ctx, lines); }, false, -1});
        }
    }
    return out;
}

void drawReceipt(UiContext& ctx, const doc::ReceiptDocument& receipt) {
    for (auto& b : receiptBlocks(ctx, receipt)) b.draw();
}

}  // namespace guichet::ui::wizard
