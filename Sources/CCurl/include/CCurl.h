#ifndef XCHANGE_CCURL_H
#define XCHANGE_CCURL_H

// libcurl, loaded the first time it is needed rather than linked.
//
// Linking libcurl (or Foundation's networking, which is built on it) makes every command load
// it and some thirty libraries it depends on, which costs about 10 ms per process; only
// `xchange upload` needs it. These functions call libcurl's own through pointers found with
// dlsym. curl_easy_setopt and curl_easy_getinfo take variable arguments, so each is wrapped
// here once per argument type: C makes the variadic call correctly on every platform.
//
// The option and info numbers are libcurl's, which its ABI keeps fixed.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Loads libcurl and initialises it, once per process. Returns NULL when it is ready, or why
/// it could not be loaded.
const char *_Nullable xchange_curl_load(void);

/// A new transfer handle, or NULL.
void *_Nullable xchange_curl_easy_init(void);
void xchange_curl_easy_cleanup(void *_Nonnull handle);
int xchange_curl_easy_perform(void *_Nonnull handle);
const char *_Nonnull xchange_curl_easy_strerror(int code);

int xchange_curl_setopt_long(void *_Nonnull handle, int option, long value);
int xchange_curl_setopt_pointer(void *_Nonnull handle, int option, const void *_Nullable value);
int xchange_curl_setopt_offset(void *_Nonnull handle, int option, int64_t value);

/// The callback libcurl hands received bytes to; returns how many it took.
typedef size_t (*xchange_curl_write_callback)(
    char *_Nonnull bytes, size_t size, size_t count, void *_Nullable context);
int xchange_curl_setopt_write_callback(void *_Nonnull handle, int option, xchange_curl_write_callback _Nonnull callback);

int xchange_curl_getinfo_long(void *_Nonnull handle, int info, long *_Nonnull value);

void *_Nullable xchange_curl_slist_append(void *_Nullable list, const char *_Nonnull text);
void xchange_curl_slist_free_all(void *_Nullable list);

#ifdef __cplusplus
}
#endif

#endif
