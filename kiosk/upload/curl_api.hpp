// libcurl, loaded on first use (dlopen of libcurl.so.4) instead of at every program start:
// with its 32 dependent libraries it was most of the loading time of guichetctl commands
// that never send anything (issue 17: `guichetctl --version` 31-43 ms, ~18 ms without
// libcurl). Only the few functions the HTTP client uses are looked up; the types and
// constants still come from <curl/curl.h>.
#pragma once

#include <curl/curl.h>

#include <string>

namespace guichet::upload {

struct CurlApi {
    decltype(&::curl_global_init_mem) global_init_mem;
    decltype(&::curl_easy_init) easy_init;
    decltype(&::curl_easy_cleanup) easy_cleanup;
    decltype(&::curl_easy_reset) easy_reset;
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
    decltype(&::curl_easy_perform) easy_perform;
    decltype(&::curl_easy_strerror) easy_strerror;
    decltype(&::curl_slist_append) slist_append;
    decltype(&::curl_slist_free_all) slist_free_all;
    decltype(&::curl_multi_init) multi_init;
    decltype(&::curl_multi_cleanup) multi_cleanup;
    decltype(&::curl_multi_add_handle) multi_add_handle;
    decltype(&::curl_multi_remove_handle) multi_remove_handle;
    decltype(&::curl_multi_perform) multi_perform;
    decltype(&::curl_multi_poll) multi_poll;
    decltype(&::curl_multi_info_read) multi_info_read;
};

// Loads libcurl once per process (thread-safe); nullptr if it cannot be loaded, with the
// reason in curlLoadError() (e.g. the libcurl4 package is missing).
const CurlApi* curlApi();
std::string curlLoadError();

}  // namespace guichet::upload
