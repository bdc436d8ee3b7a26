// Personal data wiped by construction: every block the program releases through C++
// (operator delete: std::string, nlohmann::json, vectors, maps — answers, card identifiers,
// scanned pages, spoken text and every copy of them) is overwritten before it goes back to
// malloc. The replacement operators live in wiping_heap.cpp; C libraries that keep copies
// (Dear ImGui, SDL) are given the functions below as their allocator.
#pragma once

#include <cstddef>

namespace guichet {

void* wipingMalloc(std::size_t size);
void* wipingCalloc(std::size_t count, std::size_t size);
// Like realloc, but a block that moves is overwritten before it is released (glibc's
// realloc leaves the old contents in the freed chunk).
void* wipingRealloc(void* block, std::size_t size);
void wipingFree(void* block);

}  // namespace guichet
