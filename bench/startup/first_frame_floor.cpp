// The start-up floor (issue 17, "Start-up": first frame <= 250 ms): the least any SDL program
// does before its first frame is on the screen, on each of guichet's two paths, with the
// same window as guichet's (borderless over the display, its size taken from the display):
//   first_frame_floor            SDL software renderer: clear, present
//   first_frame_floor --gl       OpenGL 3.0 context with guichet's attributes (ui/host), one
//                                shader pair compiled and linked as ImGui's OpenGL3 backend
//                                does (GLSL 130), a small texture, one textured quad, swap
// It prints the wall clock at that first present as guichet's --report-first-frame does
// (first-frame-realtime-ns, first-frame-cpu-ms), then waits for events until stopped, so
// bench_startup measures both the same way: guichet's time minus this is what it adds.
#include <cstring>

#include "floor_window.hpp"

using namespace guichet::bench;

namespace {

// The GL path's first frame: program, texture, vertex buffer, one quad, swap.
void drawGlFrame(SDL_Window* window, int w, int h) {
    GLuint program = texturedQuadProgram("first_frame_floor");
    static unsigned char pixels[64 * 64 * 4];  // a small texture (guichet's font atlas is larger)
    std::memset(pixels, 0x80, sizeof pixels);
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, 64, 64, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    const float quad[] = {-0.5f, -0.5f, 0, 0, 0.5f, -0.5f, 1, 0, -0.5f, 0.5f, 0, 1, 0.5f, 0.5f, 1, 1};
    quadVertices(program, quad);
    glViewport(0, 0, w, h);
    glClearColor(0.94f, 0.94f, 0.94f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    SDL_GL_SwapWindow(window);
}

}  // namespace

int main(int argc, char** argv) {
    const bool gl = argc > 1 && std::strcmp(argv[1], "--gl") == 0;
    FloorWindow f = openFloorWindow("floor", gl);
    if (!f.window) return 1;
    if (gl) {
        drawGlFrame(f.window, f.width, f.height);
    } else {
        SDL_SetRenderDrawColor(f.renderer, 240, 240, 240, 255);
        SDL_RenderClear(f.renderer);
        SDL_RenderPresent(f.renderer);
    }
    reportFirstFrame(/*withCpu=*/true);
    SDL_Event e;
    while (SDL_WaitEvent(&e))
        if (e.type == SDL_QUIT) break;
    closeFloorWindow(f);
    return 0;
}
