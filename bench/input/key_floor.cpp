// The key-to-settled floor (issue 17, "Frame: 60 Hz": key to settled <= 25 ms): the least any
// SDL program does between an X key event and its one full-screen frame on the screen, with
// guichet's window (ui/host/sdl_host.cpp: borderless over the display, its size taken from
// the display, full-screen state set after the first frame) on each of its two paths:
//   key_floor             OpenGL 3.0 context with guichet's attributes, one GLSL 130 shader
//                         pair (as ImGui's OpenGL3 backend), a display-sized RGBA texture
//                         uploaded once; per SDL_KEYDOWN: clear, one full-screen textured
//                         quad blended over it (as ImGui blends), SDL_GL_SwapWindow
//   key_floor --clear-only  the same GL window and context; per SDL_KEYDOWN only a clear
//                         and the swap: what no GL frame can go below (the swap's copy of
//                         the whole frame through llvmpipe and Xvfb), whatever it draws
//   key_floor --software  SDL software renderer, the same texture; per SDL_KEYDOWN:
//                         SDL_RenderClear, SDL_RenderCopy (blended), SDL_RenderPresent
// The clear colour alternates per key and the texture is half transparent, so every key
// changes every pixel. Between keys it sleeps in SDL_WaitEvent. It prints the wall clock at
// its first present as guichet's --report-first-frame does (first-frame-realtime-ns), so
// bench_key_settled starts and finds both the same way (guichet_window.cpp).
#include <cstdio>
#include <cstring>
#include <vector>

#include "floor_window.hpp"

using namespace guichet::bench;

namespace {

// A display-sized picture, half transparent: a gradient with a grid, so the texture reads
// are not all one cache line.
std::vector<unsigned char> picture(int w, int h) {
    std::vector<unsigned char> p(static_cast<std::size_t>(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            unsigned char* q = &p[(static_cast<std::size_t>(y) * w + x) * 4];
            const bool grid = x % 32 == 0 || y % 32 == 0;
            q[0] = static_cast<unsigned char>(x * 255 / w);
            q[1] = static_cast<unsigned char>(y * 255 / h);
            q[2] = grid ? 255 : 64;
            q[3] = 128;
        }
    return p;
}

// Each key's colour: two that alternate, so each frame differs from the one before.
void keyColour(int frame, float rgb[3]) {
    const bool odd = frame % 2;
    rgb[0] = odd ? 0.94f : 0.20f;
    rgb[1] = odd ? 0.94f : 0.30f;
    rgb[2] = odd ? 0.94f : 0.60f;
}

struct GlFloor {
    SDL_Window* window;
    int w, h;
    bool clearOnly = false;
    GLuint program = 0, texture = 0;

    void setUp() {
        program = texturedQuadProgram("key_floor");
        auto pixels = picture(w, h);
        glGenTextures(1, &texture);
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
        // Full screen; v flipped so the picture's first row is at the top.
        const float quad[] = {-1, -1, 0, 1, 1, -1, 1, 1, -1, 1, 0, 0, 1, 1, 1, 0};
        quadVertices(program, quad);
        glEnable(GL_BLEND);  // as ImGui's OpenGL3 backend
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    }
    void frame(int n) {
        float c[3];
        keyColour(n, c);
        SDL_GL_GetDrawableSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(c[0], c[1], c[2], 1);
        glClear(GL_COLOR_BUFFER_BIT);
        if (!clearOnly) glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
        SDL_GL_SwapWindow(window);
    }
};

struct SoftwareFloor {
    SDL_Renderer* renderer;
    int w, h;
    SDL_Texture* texture = nullptr;

    bool setUp() {
        texture = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);  // RGBA bytes
        if (!texture) return false;
        auto pixels = picture(w, h);
        SDL_UpdateTexture(texture, nullptr, pixels.data(), w * 4);
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
        return true;
    }
    void frame(int n) {
        float c[3];
        keyColour(n, c);
        SDL_SetRenderDrawColor(renderer, static_cast<Uint8>(c[0] * 255), static_cast<Uint8>(c[1] * 255),
                               static_cast<Uint8>(c[2] * 255), 255);
        SDL_RenderClear(renderer);
        SDL_RenderCopy(renderer, texture, nullptr, nullptr);
        SDL_RenderPresent(renderer);
    }
};

}  // namespace

int main(int argc, char** argv) {
    bool software = false, clearOnly = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--software") == 0) software = true;
        else if (std::strcmp(argv[i], "--clear-only") == 0) clearOnly = true;
        else {
            std::fprintf(stderr, "usage: key_floor [--software | --clear-only]\n");
            return 2;
        }
    }
    FloorWindow f = openFloorWindow("key_floor", !software);
    if (!f.window) return 1;
    GlFloor gl{f.window, f.width, f.height, clearOnly};
    SoftwareFloor sw{f.renderer, f.width, f.height};
    if (!software) gl.setUp();
    else if (!sw.setUp()) return 1;
    int frames = 0;
    auto draw = [&] { software ? sw.frame(frames++) : gl.frame(frames++); };
    draw();
    reportFirstFrame(/*withCpu=*/false);
    // As guichet: full screen after the first frame, then one more frame.
    SDL_SetWindowFullscreen(f.window, SDL_WINDOW_FULLSCREEN_DESKTOP);
    draw();
    SDL_Event e;
    while (SDL_WaitEvent(&e)) {
        if (e.type == SDL_QUIT) break;
        if (e.type == SDL_KEYDOWN && !e.key.repeat) draw();  // releases draw nothing, as in guichet
    }
    if (sw.texture) SDL_DestroyTexture(sw.texture);
    closeFloorWindow(f);
    return 0;
}
