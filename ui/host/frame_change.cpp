#include "ui/host/frame_change.hpp"

#include <cstring>

namespace guichet::ui {

namespace {
template <typename T>
void put(std::vector<unsigned char>& out, const T& value) {
    const auto* p = reinterpret_cast<const unsigned char*>(&value);
    out.insert(out.end(), p, p + sizeof value);
}
void putBytes(std::vector<unsigned char>& out, const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    out.insert(out.end(), p, p + size);
}
}  // namespace

bool FrameChange::changed(const ImDrawData* data, Rgb clear) {
    // Field by field, never whole structs: their padding is not part of the picture.
    candidate_.clear();
    put(candidate_, clear.r);
    put(candidate_, clear.g);
    put(candidate_, clear.b);
    if (data) {
        put(candidate_, data->DisplayPos);
        put(candidate_, data->DisplaySize);
        put(candidate_, data->FramebufferScale);
        put(candidate_, data->CmdListsCount);
        for (int l = 0; l < data->CmdListsCount; ++l) {
            const ImDrawList* list = data->CmdLists[l];
            put(candidate_, list->CmdBuffer.Size);
            for (const ImDrawCmd& cmd : list->CmdBuffer) {
                put(candidate_, cmd.ClipRect);
                put(candidate_, cmd.TextureId);
                put(candidate_, cmd.VtxOffset);
                put(candidate_, cmd.IdxOffset);
                put(candidate_, cmd.ElemCount);
                put(candidate_, cmd.UserCallback);
                put(candidate_, cmd.UserCallbackData);
            }
            put(candidate_, list->VtxBuffer.Size);
            for (const ImDrawVert& v : list->VtxBuffer) {
                put(candidate_, v.pos);
                put(candidate_, v.uv);
                put(candidate_, v.col);
            }
            put(candidate_, list->IdxBuffer.Size);
            putBytes(candidate_, list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        }
    }
    const bool same = valid_ && candidate_.size() == shown_.size() &&
                      std::memcmp(candidate_.data(), shown_.data(), shown_.size()) == 0;
    if (same) return false;
    shown_.swap(candidate_);
    valid_ = true;
    return true;
}

}  // namespace guichet::ui
