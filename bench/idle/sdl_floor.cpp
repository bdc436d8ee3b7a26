// The idle floor: a 1920x1080 SDL window (x11 driver) that only waits for events — what any
// SDL program costs doing nothing on this machine. bench_idle compares guichet with it.
#include <SDL.h>

int main() {
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return 1;
    SDL_Window* w = SDL_CreateWindow("floor", 0, 0, 1920, 1080, 0);
    if (!w) return 1;
    SDL_Renderer* r = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
    SDL_SetRenderDrawColor(r, 240, 240, 240, 255);
    SDL_RenderClear(r);
    SDL_RenderPresent(r);
    SDL_Event e;
    while (SDL_WaitEvent(&e))
        if (e.type == SDL_QUIT) break;
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(w);
    SDL_Quit();
    return 0;
}
