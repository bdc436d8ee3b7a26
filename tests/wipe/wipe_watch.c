/* wipe_watch: preloaded into the real terminal (LD_PRELOAD), it looks at every heap block
 * the process releases — free(), realloc() that moves, and through them operator delete,
 * Dear ImGui, SDL, libjpeg, SQLite, espeak — and counts those that still hold one of the
 * resident's values. C, no allocation, so it can sit under malloc itself.
 *
 * WIPE_WATCH_NEEDLES  values to look for, separated by '|' (one resident's answers)
 * WIPE_WATCH_JPEG=1   also look for a JPEG header (a scanned page, or part of one)
 * WIPE_WATCH_TRACE=1  print the stack of each unwiped release
 * At exit it prints "wipe-watch: R releases looked at, U unwiped with resident data" on
 * stderr and, when U > 0, exits with status 97 (the test also checks the line). */
#define _GNU_SOURCE
#include <execinfo.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void* __libc_malloc(size_t);
extern void* __libc_calloc(size_t, size_t);
extern void* __libc_realloc(void*, size_t);
extern void __libc_free(void*);

#define MAX_NEEDLES 16
static char needleText[1024];
static const char* needles[MAX_NEEDLES];
static size_t needleLen[MAX_NEEDLES];
static int needleCount = -1;  /* -1: environment not read yet */
static int watchJpeg = 0, trace = 0;
static unsigned long releases = 0, unwiped = 0;
static unsigned long perNeedle[MAX_NEEDLES + 1];
static __thread int busy = 0;  /* inside the watch: backtrace() may allocate */

static const char jpegHeader[] = "\xFF\xD8\xFF\xE0\x00\x10JFIF";

static void readEnvironment(void) {
    needleCount = 0;
    const char* env = getenv("WIPE_WATCH_NEEDLES");
    if (env && strlen(env) < sizeof needleText) {
        strcpy(needleText, env);
        char* p = needleText;
        while (*p && needleCount < MAX_NEEDLES) {
            char* bar = strchr(p, '|');
            if (bar) *bar = 0;
            if (*p) { needles[needleCount] = p; needleLen[needleCount] = strlen(p); ++needleCount; }
            if (!bar) break;
            p = bar + 1;
        }
    }
    watchJpeg = getenv("WIPE_WATCH_JPEG") != NULL;
    trace = getenv("WIPE_WATCH_TRACE") != NULL;
}

static void inspect(void* block, const char* how) {
    if (!block || busy) return;
    busy = 1;
    if (needleCount < 0) readEnvironment();
    size_t n = malloc_usable_size(block);
    int hit = -1;
    for (int i = 0; i < needleCount && hit < 0; ++i)
        if (memmem(block, n, needles[i], needleLen[i])) hit = i;
    if (hit < 0 && watchJpeg && memmem(block, n, jpegHeader, sizeof jpegHeader - 1)) hit = MAX_NEEDLES;
    __atomic_add_fetch(&releases, 1, __ATOMIC_RELAXED);
    if (hit >= 0) {
        __atomic_add_fetch(&unwiped, 1, __ATOMIC_RELAXED);
        __atomic_add_fetch(&perNeedle[hit], 1, __ATOMIC_RELAXED);
        if (trace) {
            char line[160];
            int len = snprintf(line, sizeof line, "wipe-watch: %s of %zu bytes still holds \"%s\":\n", how, n,
                               hit == MAX_NEEDLES ? "JPEG" : needles[hit]);
            write(2, line, (size_t)len);
            void* frames[32];
            int depth = backtrace(frames, 32);
            backtrace_symbols_fd(frames, depth, 2);
        }
    }
    busy = 0;
}

void* malloc(size_t n) { return __libc_malloc(n); }
void* calloc(size_t c, size_t n) { return __libc_calloc(c, n); }
void free(void* p) {
    inspect(p, "free");
    __libc_free(p);
}
/* glibc's realloc leaves the old contents in the chunk it releases when the block moves;
 * do the move here so that the old block is looked at like any release. */
void* realloc(void* p, size_t n) {
    if (!p) return __libc_malloc(n);
    if (n == 0) { free(p); return NULL; }
    size_t have = malloc_usable_size(p);
    if (n <= have) return p;
    void* q = __libc_malloc(n);
    if (!q) return NULL;
    memcpy(q, p, have);
    inspect(p, "realloc");
    __libc_free(p);
    return q;
}

__attribute__((destructor)) static void report(void) {
    char line[200];
    int len = snprintf(line, sizeof line, "wipe-watch: %lu releases looked at, %lu unwiped with resident data\n",
                       releases, unwiped);
    write(2, line, (size_t)len);
    for (int i = 0; i <= MAX_NEEDLES; ++i) {
        if (!perNeedle[i]) continue;
        len = snprintf(line, sizeof line, "wipe-watch:   %lu x \"%s\"\n", perNeedle[i], i == MAX_NEEDLES ? "JPEG" : needles[i]);
        write(2, line, (size_t)len);
    }
    if (unwiped) _exit(97);
}
