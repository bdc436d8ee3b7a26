/* Frees a resident's value unwiped (argv[1] = "free"), leaves it behind in a realloc that
 * moves ("realloc"), or wipes it first ("wiped"). Run under wipe_watch: the first two must
 * make it exit 97, the last must not — the watch is what the wipe test relies on. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    /* The value is assembled at run time: the literal itself is not in the heap. */
    char* p = malloc(64);
    strcpy(p, "nom: Marchetti");
    strcat(p, "-Ollivier");
    __asm__ volatile("" : : "r"(p) : "memory");
    if (strcmp(argv[1], "realloc") == 0) {
        p = realloc(p, 1 << 16);  /* moves: the 64-byte block is released with the value */
        explicit_bzero(p, 64);
    } else if (strcmp(argv[1], "wiped") == 0) {
        explicit_bzero(p, 64);
    }
    __asm__ volatile("" : : "r"(p) : "memory");  /* keep the compiler from eliding the block */
    free(p);
    return 0;
}
