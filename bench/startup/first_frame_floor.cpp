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
#include <SDL.h>
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#include <time.h>

#include <cstdio>
#include <cstring>

namespace {

// A textured quad's shaders, in the GLSL version guichet asks ImGui for ("#version 130").
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

GLuint compile(GLenum kind, const char* source) {
    GLuint s = glCreateShader(kind);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);  // read back, as ImGui does: it waits for the compiler
    if (!ok) std::fprintf(stderr, "first_frame_floor: shader did not compile\n");
    return s;
}

// The GL path's first frame: program, texture, vertex buffer, one quad, swap.
void drawGlFrame(SDL_Window* window, int w, int h) {
    GLuint program = glCreateProgram();
    glAttachShader(program, compile(GL_VERTEX_SHADER, kVertex));
    glAttachShader(program, compile(GL_FRAGMENT_SHADER, kFragment));
    glLinkProgram(program);
    GLint linked = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &linked);
    if (!linked) std::fprintf(stderr, "first_frame_floor: program did not link\n");

    static unsigned char pixels[64 * 64 * 4];  // a small texture (guichet's font atlas is larger)
    std::memset(pixels, 0x80, sizeof pixels);
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, 64, 64, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);

    const float quad[] = {-0.5f, -0.5f, 0, 0, 0.5f, -0.5f, 1, 0, -0.5f, 0.5f, 0, 1, 0.5f, 0.5f, 1, 1};
    GLuint vao = 0, vbo = 0;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glGenBuffers(1, &vbo);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
    GLint position = glGetAttribLocation(program, "position"), uv = glGetAttribLocation(program, "uv");
    glEnableVertexAttribArray(position);
    glVertexAttribPointer(position, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
    glEnableVertexAttribArray(uv);
    glVertexAttribPointer(uv, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));

    glViewport(0, 0, w, h);
    glClearColor(0.94f, 0.94f, 0.94f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glUseProgram(program);
    glUniform1i(glGetUniformLocation(program, "tex"), 0);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    SDL_GL_SwapWindow(window);
}

void reportFirstFrame() {
    timespec now{}, cpu{};
    clock_gettime(CLOCK_REALTIME, &now);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    std::printf("first-frame-realtime-ns %lld\n", static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec);
    std::printf("first-frame-cpu-ms %.0f\n", cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    const bool gl = argc > 1 && std::strcmp(argv[1], "--gl") == 0;
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");  // as guichet: SIGTERM stops it
    // As guichet's software path: no GL driver behind the window surface.
    if (!gl) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) return 1;
    // Guichet's full-screen window (ui/host/sdl_host.cpp): borderless over the display.
    SDL_DisplayMode mode{};
    SDL_Rect bounds{0, 0, 1920, 1080};
    SDL_GetDisplayBounds(0, &bounds);
    int w = bounds.w, h = bounds.h;
    if (SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0) w = mode.w, h = mode.h;
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_BORDERLESS;
    if (gl) {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
        SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
        flags |= SDL_WINDOW_OPENGL;
    }
    SDL_Window* window = SDL_CreateWindow("floor", bounds.x, bounds.y, w, h, flags);
    if (!window) return 1;
    SDL_GLContext context = nullptr;
    SDL_Renderer* renderer = nullptr;
    if (gl) {
        context = SDL_GL_CreateContext(window);
        if (!context) return 1;
        SDL_GL_MakeCurrent(window, context);
        SDL_GL_SetSwapInterval(1);
        drawGlFrame(window, w, h);
    } else {
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
        if (!renderer) return 1;
        SDL_SetRenderDrawColor(renderer, 240, 240, 240, 255);
        SDL_RenderClear(renderer);
        SDL_RenderPresent(renderer);
    }
    reportFirstFrame();
    SDL_Event e;
    while (SDL_WaitEvent(&e))
        if (e.type == SDL_QUIT) break;
    if (renderer) SDL_DestroyRenderer(renderer);
    if (context) SDL_GL_DeleteContext(context);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
