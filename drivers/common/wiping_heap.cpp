// Replacement global operator new/delete (C++20 [new.delete]): allocation is plain malloc,
// release overwrites the whole usable block first. One place, so that no copy of a resident's
// value — however it was made — is handed back to the allocator readable. The cost is one
// memset of each freed block, small beside what the block was allocated for.
//
// Linked into every executable through guichet_drivers_common: the linker takes this object
// as soon as a translation unit needs operator new/delete, before libstdc++'s.
#include "drivers/common/wiping_heap.hpp"

#include <malloc.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace guichet {

namespace {
inline void wipeBlock(void* p) {
    if (p) explicit_bzero(p, malloc_usable_size(p));
}

void* allocateOrThrow(std::size_t n) {
    for (;;) {
        if (void* p = std::malloc(n ? n : 1)) return p;
        std::new_handler h = std::get_new_handler();
        if (!h) throw std::bad_alloc();
        h();
    }
}

void* allocateAlignedOrThrow(std::size_t n, std::size_t align) {
    for (;;) {
        void* p = nullptr;
        if (posix_memalign(&p, align < sizeof(void*) ? sizeof(void*) : align, n ? n : 1) == 0) return p;
        std::new_handler h = std::get_new_handler();
        if (!h) throw std::bad_alloc();
        h();
    }
}
}  // namespace

void* wipingMalloc(std::size_t size) { return std::malloc(size); }
void* wipingCalloc(std::size_t count, std::size_t size) { return std::calloc(count, size); }

void* wipingRealloc(void* block, std::size_t size) {
    if (!block) return std::malloc(size);
    if (size == 0) {
        wipingFree(block);
        return nullptr;
    }
    std::size_t have = malloc_usable_size(block);
    if (size <= have) return block;  // fits: nothing is left behind
    void* moved = std::malloc(size);
    if (!moved) return nullptr;      // like realloc: the old block stays valid
    std::memcpy(moved, block, have);
    wipingFree(block);
    return moved;
}

void wipingFree(void* block) {
    wipeBlock(block);
    std::free(block);
}

}  // namespace guichet

#ifndef GUICHET_NO_WIPING_HEAP  // cmake -DGUICHET_WIPING_HEAP=OFF: the wipe test must then fail
using guichet::wipingFree;

void* operator new(std::size_t n) { return guichet::allocateOrThrow(n); }
void* operator new[](std::size_t n) { return guichet::allocateOrThrow(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void* operator new(std::size_t n, std::align_val_t a) { return guichet::allocateAlignedOrThrow(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return guichet::allocateAlignedOrThrow(n, static_cast<std::size_t>(a)); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    try { return guichet::allocateAlignedOrThrow(n, static_cast<std::size_t>(a)); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    try { return guichet::allocateAlignedOrThrow(n, static_cast<std::size_t>(a)); } catch (...) { return nullptr; }
}

void operator delete(void* p) noexcept { wipingFree(p); }
void operator delete[](void* p) noexcept { wipingFree(p); }
void operator delete(void* p, std::size_t) noexcept { wipingFree(p); }
void operator delete[](void* p, std::size_t) noexcept { wipingFree(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { wipingFree(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { wipingFree(p); }
void operator delete(void* p, std::align_val_t) noexcept { wipingFree(p); }
void operator delete[](void* p, std::align_val_t) noexcept { wipingFree(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { wipingFree(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { wipingFree(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { wipingFree(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { wipingFree(p); }
#endif
