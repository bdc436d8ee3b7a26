#include "ui/host/render_backend.hpp"

#include <algorithm>
#include <cstdint>

#include <GL/gl.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdlrenderer.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBIW_WINDOWS_UTF8
#include <stb/stb_image_write.h>

namespace guichet::ui {

namespace {

class Gl3Backend : public RenderBackend {
public:
    Gl3Backend(SDL_Window* w, SDL_GLContext gl) : window_(w), gl_(gl) {}
    ~Gl3Backend() override {
        ImGui_ImplOpenGL3_Shutdown();
        SDL_GL_DeleteContext(gl_);
    }
    const char* name() const override { return "opengl3"; }
    void newFrame() override { ImGui_ImplOpenGL3_NewFrame(); }
    void render(ImDrawData* data, Rgb clear) override {
        int w = 0, h = 0;
        SDL_GL_GetDrawableSize(window_, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(clear.r / 255.0f, clear.g / 255.0f, clear.b / 255.0f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(data);
    }
    void flush() override { glFinish(); }
    void present() override { SDL_GL_SwapWindow(window_); }
    void fontsChanged() override {
        // Only the font texture is replaced. Re-creating every device object here (shader,
        // buffers) while a frame is being built left the text-size change on a blank page
        // on Mesa (issue 14): window.large-text-is-drawn checks the real frame.
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        ImGui::GetIO().Fonts->ClearTexData();  // the GPU has it: free the CPU copies
    }
    void* createTexture(int width, int height, const std::uint8_t* rgba) override {
        GLuint tex = 0;
        glGenTextures(1, &tex);
        glBindTexture(GL_TEXTURE_2D, tex);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
        return reinterpret_cast<void*>(static_cast<std::intptr_t>(tex));
    }
    void destroyTexture(void* texture) override {
        GLuint tex = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(texture));
        glDeleteTextures(1, &tex);
    }
    Result<void> readPixels(int& width, int& height, std::vector<std::uint8_t>& rgba) override {
        SDL_GL_GetDrawableSize(window_, &width, &height);
        rgba.resize(static_cast<std::size_t>(width) * height * 4);
        std::vector<std::uint8_t> flipped(rgba.size());
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, flipped.data());
        std::size_t row = static_cast<std::size_t>(width) * 4;
        for (int y = 0; y < height; ++y)
            std::copy_n(&flipped[(height - 1 - y) * row], row, &rgba[y * row]);
        return {};
    }

private:
    SDL_Window* window_;
    SDL_GLContext gl_;
};

class SdlRendererBackend : public RenderBackend {
public:
    explicit SdlRendererBackend(SDL_Renderer* r) : renderer_(r) {}
    ~SdlRendererBackend() override {
        ImGui_ImplSDLRenderer_Shutdown();
        SDL_DestroyRenderer(renderer_);
    }
    const char* name() const override { return software_ ? "sdl-software" : "sdl-renderer"; }
    void newFrame() override { ImGui_ImplSDLRenderer_NewFrame(); }
    void render(ImDrawData* data, Rgb clear) override {
        SDL_SetRenderDrawColor(renderer_, clear.r, clear.g, clear.b, 255);
        SDL_RenderClear(renderer_);
        ImGui_ImplSDLRenderer_RenderDrawData(data);
    }
    void flush() override { SDL_RenderFlush(renderer_); }
    void present() override { SDL_RenderPresent(renderer_); }
    void fontsChanged() override {
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
        ImGui_ImplSDLRenderer_CreateFontsTexture();
        ImGui::GetIO().Fonts->ClearTexData();
    }
    void* createTexture(int width, int height, const std::uint8_t* rgba) override {
        SDL_Texture* t = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, width, height);
        if (!t) return nullptr;
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        if (SDL_UpdateTexture(t, nullptr, rgba, width * 4) != 0) {
            SDL_DestroyTexture(t);
            return nullptr;
        }
        return t;
    }
    void destroyTexture(void* texture) override { SDL_DestroyTexture(static_cast<SDL_Texture*>(texture)); }
    Result<void> readPixels(int& width, int& height, std::vector<std::uint8_t>& rgba) override {
        SDL_RenderFlush(renderer_);
        if (SDL_GetRendererOutputSize(renderer_, &width, &height) != 0)
            return makeError(ErrorCode::Io, std::string("renderer size: ") + SDL_GetError());
        rgba.resize(static_cast<std::size_t>(width) * height * 4);
        if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, rgba.data(), width * 4) != 0)
            return makeError(ErrorCode::Io, std::string("SDL_RenderReadPixels: ") + SDL_GetError());
        return {};
    }
    bool software_ = false;

private:
    SDL_Renderer* renderer_;
};

}  // namespace

Result<std::unique_ptr<RenderBackend>> createGl3Backend(SDL_Window* window) {
    SDL_GLContext gl = SDL_GL_CreateContext(window);
    if (!gl) return makeError(ErrorCode::NotSupported, std::string("no OpenGL 3 context: ") + SDL_GetError());
    SDL_GL_MakeCurrent(window, gl);
    SDL_GL_SetSwapInterval(1);
    if (!ImGui_ImplOpenGL3_Init("#version 130")) {
        SDL_GL_DeleteContext(gl);
        return makeError(ErrorCode::NotSupported, "ImGui OpenGL 3 backend failed to start");
    }
    return std::unique_ptr<RenderBackend>(std::make_unique<Gl3Backend>(window, gl));
}

Result<std::unique_ptr<RenderBackend>> createSdlRendererBackend(SDL_Window* window, bool software) {
    Uint32 flags = software ? SDL_RENDERER_SOFTWARE : (SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    SDL_Renderer* r = SDL_CreateRenderer(window, -1, flags);
    if (!r && !software) {
        r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
        software = true;
    }
    if (!r) return makeError(ErrorCode::NotSupported, std::string("SDL_CreateRenderer: ") + SDL_GetError());
    if (!ImGui_ImplSDLRenderer_Init(r)) {
        SDL_DestroyRenderer(r);
        return makeError(ErrorCode::NotSupported, "ImGui SDL_Renderer backend failed to start");
    }
    auto b = std::make_unique<SdlRendererBackend>(r);
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) == 0) b->software_ = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    return std::unique_ptr<RenderBackend>(std::move(b));
}

Result<void> writePng(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba) {
    if (!stbi_write_png(path.c_str(), width, height, 4, rgba.data(), width * 4))
        return makeError(ErrorCode::Io, path + ": cannot write the PNG (does the folder exist and is it writable?)");
    return {};
}

}  // namespace guichet::ui
