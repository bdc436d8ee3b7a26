// Pictures the screens show (a scanned page's thumbnail) become textures of whatever
// renderer the host runs. The host installs the two functions once its render backend
// exists; without one (unit tests, a host with no renderer) createTexture returns null and
// the screen shows the page's description instead.
#pragma once

#include <cstdint>
#include <functional>

#include <imgui.h>

namespace guichet::ui {

struct TextureApi {
    // `rgba`: width * height * 4 bytes, rows top to bottom. Null on failure.
    std::function<ImTextureID(int width, int height, const std::uint8_t* rgba)> create;
    std::function<void(ImTextureID)> destroy;
};

void setTextureApi(TextureApi api);  // the host; an empty api when the backend goes away
ImTextureID createTexture(int width, int height, const std::uint8_t* rgba);
void destroyTexture(ImTextureID texture);  // null is ignored

}  // namespace guichet::ui
