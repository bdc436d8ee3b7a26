// How ImGui's draw data reaches the screen: OpenGL 3 (libimgui.a's backend) when a GL
// context can be had, else SDL_Renderer (the software fallback, also used headless).
#pragma once

#include <SDL.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "ui/core/theme.hpp"

struct ImDrawData;

namespace guichet::ui {

class RenderBackend {
public:
    virtual ~RenderBackend() = default;
    virtual const char* name() const = 0;
    virtual void newFrame() = 0;
    virtual void render(ImDrawData* data, Rgb clear) = 0;  // clears and draws
    virtual void flush() = 0;                   // waits until drawing is done (benchmarks)
    virtual void present() = 0;
    virtual void fontsChanged() = 0;            // re-upload the font atlas
    // A picture for ImGui::Image / AddImage (scan thumbnails); null on failure.
    virtual void* createTexture(int width, int height, const std::uint8_t* rgba) = 0;
    virtual void destroyTexture(void* texture) = 0;
    // The last rendered frame as tightly packed RGBA rows, top row first.
    virtual Result<void> readPixels(int& width, int& height, std::vector<std::uint8_t>& rgba) = 0;
};

// GL3 on `window` (created with SDL_WINDOW_OPENGL); error when no GL 3 context exists.
Result<std::unique_ptr<RenderBackend>> createGl3Backend(SDL_Window* window);
// SDL_Renderer on `window`; `software` forces SDL's software renderer.
Result<std::unique_ptr<RenderBackend>> createSdlRendererBackend(SDL_Window* window, bool software);

Result<void> writePng(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba);

}  // namespace guichet::ui
