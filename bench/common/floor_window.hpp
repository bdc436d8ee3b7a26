// What the floor programs share (bench/startup/first_frame_floor, bench/input/key_floor): a
// bare SDL program with guichet's full-screen window (ui/host/sdl_host.cpp: borderless over
// the display, its size taken from the display) on either of guichet's paths, the OpenGL 3.0
// context with guichet's attributes or the SDL software renderer; ImGui's kind of shader (a
// textured quad, GLSL 130); and the first-frame line guichet's --report-first-frame prints.
// What a floor costs is compared with guichet's figure: the two must open the same window.
#pragma once

#include <SDL.h>
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>

namespace guichet::bench {

struct FloorWindow {
    SDL_Window* window = nullptr;
    SDL_GLContext context = nullptr;   // the GL path
    SDL_Renderer* renderer = nullptr;  // the software path
    int width = 0, height = 0;
};

// SDL_Init, the window and its context or renderer, as guichet does (SIGTERM left to the
// default, no GL driver behind the software path). window is null when anything failed.
FloorWindow openFloorWindow(const char* title, bool gl);
void closeFloorWindow(FloorWindow& f);

// A textured quad's program in the GLSL version guichet asks ImGui for ("#version 130"),
// compiled, linked and in use, its sampler on unit 0; `who` names the program in messages.
GLuint texturedQuadProgram(const char* who);
// A vertex array holding one quad as a triangle strip: 4 vertices of x, y, u, v.
void quadVertices(GLuint program, const float xyuv[16]);

// "first-frame-realtime-ns N" (and "first-frame-cpu-ms N" when asked) on stdout, flushed.
void reportFirstFrame(bool withCpu);

}  // namespace guichet::bench
