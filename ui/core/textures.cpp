#include "ui/core/textures.hpp"

namespace guichet::ui {

namespace {
TextureApi& api() {
    static TextureApi a;  // UI thread only, like every drawing call
    return a;
}
}  // namespace

void setTextureApi(TextureApi a) { api() = std::move(a); }

ImTextureID createTexture(int width, int height, const std::uint8_t* rgba) {
    if (!api().create || width <= 0 || height <= 0 || !rgba) return nullptr;
    return api().create(width, height, rgba);
}

void destroyTexture(ImTextureID texture) {
    if (texture && api().destroy) api().destroy(texture);
}

}  // namespace guichet::ui
