#include "floor_window.hpp"

#include <GL/glext.h>
#include <time.h>

#include <cstdio>

namespace guichet::bench {

namespace {
const char* kVertex = R"(#version 130
in vec2 position;
in vec2 uv;
out vec2 fragUv;
void main() { fragUv = uv; gl_Position = vec4(position, 0.0, 1.0); }
)";
const char* kFragment = R"(#version 130
uniform sampler2D tex;
in vec2 fragUv;
out vec4 colour;
void main() { colour = texture(tex, fragUv); }
)";

GLuint compile(GLenum kind, const char* source, const char* who) {
    GLuint s = glCreateShader(kind);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);  // read back, as ImGui does: it waits for the compiler
    if (!ok) std::fprintf(stderr, "%s: shader did not compile\n", who);
    return s;
}
}  // namespace

FloorWindow openFloorWindow(const char* title, bool gl) {
    FloorWindow f;
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");  // as guichet: SIGTERM stops it
    if (!gl) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");  // as guichet's software path
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) return f;
    SDL_DisplayMode mode{};
    SDL_Rect bounds{0, 0, 1920, 1080};
    SDL_GetDisplayBounds(0, &bounds);
    f.width = bounds.w;
    f.height = bounds.h;
    if (SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0) f.width = mode.w, f.height = mode.h;
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_BORDERLESS;
    if (gl) {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
        SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
        flags |= SDL_WINDOW_OPENGL;
    }
    f.window = SDL_CreateWindow(title, bounds.x, bounds.y, f.width, f.height, flags);
    if (!f.window) return f;
    if (gl) {
        f.context = SDL_GL_CreateContext(f.window);
        if (f.context) {
            SDL_GL_MakeCurrent(f.window, f.context);
            SDL_GL_SetSwapInterval(1);
        }
    } else {
        f.renderer = SDL_CreateRenderer(f.window, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!f.context && !f.renderer) closeFloorWindow(f);
    return f;
}

void closeFloorWindow(FloorWindow& f) {
    if (f.renderer) SDL_DestroyRenderer(f.renderer);
    if (f.context) SDL_GL_DeleteContext(f.context);
    if (f.window) SDL_DestroyWindow(f.window);
    f = {};
    SDL_Quit();
}

GLuint texturedQuadProgram(const char* who) {
    GLuint program = glCreateProgram();
    glAttachShader(program, compile(GL_VERTEX_SHADER, kVertex, who));
    glAttachShader(program, compile(GL_FRAGMENT_SHADER, kFragment, who));
    glLinkProgram(program);
    GLint linked = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &linked);
    if (!linked) std::fprintf(stderr, "%s: program did not link\n", who);
    glUseProgram(program);
    glUniform1i(glGetUniformLocation(program, "tex"), 0);
    return program;
}

void quadVertices(GLuint program, const float xyuv[16]) {
    GLuint vao = 0, vbo = 0;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glGenBuffers(1, &vbo);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, 16 * sizeof(float), xyuv, GL_STATIC_DRAW);
    GLint position = glGetAttribLocation(program, "position"), uv = glGetAttribLocation(program, "uv");
    glEnableVertexAttribArray(position);
    glVertexAttribPointer(position, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
    glEnableVertexAttribArray(uv);
    glVertexAttribPointer(uv, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
}

void reportFirstFrame(bool withCpu) {
    timespec now{}, cpu{};
    clock_gettime(CLOCK_REALTIME, &now);
    std::printf("first-frame-realtime-ns %lld\n", static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec);
    if (withCpu) {
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
        std::printf("first-frame-cpu-ms %.0f\n", cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6);
    }
    std::fflush(stdout);
}

}  // namespace guichet::bench
