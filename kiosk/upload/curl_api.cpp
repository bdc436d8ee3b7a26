#include "kiosk/upload/curl_api.hpp"

#include <dlfcn.h>

#include <mutex>

namespace guichet::upload {
namespace {

struct Loaded {
    CurlApi api{};
    bool ok = false;
    std::string error;
};

template <typename F>
bool find(void* lib, const char* name, F& out, std::string& error) {
    out = reinterpret_cast<F>(::dlsym(lib, name));
    if (!out && error.empty()) error = std::string("libcurl.so.4 has no ") + name;
    return out != nullptr;
}

Loaded load() {
    Loaded l;
    // Never closed: curl keeps global state (TLS libraries) for the life of the process.
    void* lib = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char* why = ::dlerror();
        l.error = std::string("cannot load libcurl (package libcurl4): ") + (why ? why : "unknown reason");
        return l;
    }
    CurlApi& a = l.api;
    std::string& e = l.error;
    bool ok = find(lib, "curl_global_init_mem", a.global_init_mem, e);
    ok = find(lib, "curl_easy_init", a.easy_init, e) && ok;
    ok = find(lib, "curl_easy_cleanup", a.easy_cleanup, e) && ok;
    ok = find(lib, "curl_easy_reset", a.easy_reset, e) && ok;
    ok = find(lib, "curl_easy_setopt", a.easy_setopt, e) && ok;
    ok = find(lib, "curl_easy_getinfo", a.easy_getinfo, e) && ok;
    ok = find(lib, "curl_easy_perform", a.easy_perform, e) && ok;
    ok = find(lib, "curl_easy_strerror", a.easy_strerror, e) && ok;
    ok = find(lib, "curl_slist_append", a.slist_append, e) && ok;
    ok = find(lib, "curl_slist_free_all", a.slist_free_all, e) && ok;
    ok = find(lib, "curl_multi_init", a.multi_init, e) && ok;
    ok = find(lib, "curl_multi_cleanup", a.multi_cleanup, e) && ok;
    ok = find(lib, "curl_multi_add_handle", a.multi_add_handle, e) && ok;
    ok = find(lib, "curl_multi_remove_handle", a.multi_remove_handle, e) && ok;
    ok = find(lib, "curl_multi_perform", a.multi_perform, e) && ok;
    ok = find(lib, "curl_multi_poll", a.multi_poll, e) && ok;
    ok = find(lib, "curl_multi_info_read", a.multi_info_read, e) && ok;
    l.ok = ok;
    return l;
}

const Loaded& loaded() {
    static const Loaded l = load();  // thread-safe once (C++11 static initialisation)
    return l;
}

}  // namespace

const CurlApi* curlApi() { return loaded().ok ? &loaded().api : nullptr; }

std::string curlLoadError() { return loaded().error; }

}  // namespace guichet::upload
