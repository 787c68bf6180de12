#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*global_init_fn)(long);
typedef void *(*easy_init_fn)(void);
typedef void (*easy_cleanup_fn)(void *);
typedef int (*easy_perform_fn)(void *);
typedef const char *(*easy_strerror_fn)(int);
typedef int (*easy_setopt_fn)(void *, int, ...);
typedef int (*easy_getinfo_fn)(void *, int, ...);
typedef void *(*slist_append_fn)(void *, const char *);
typedef void (*slist_free_all_fn)(void *);

static struct {
    global_init_fn global_init;
    easy_init_fn easy_init;
    easy_cleanup_fn easy_cleanup;
    easy_perform_fn easy_perform;
    easy_strerror_fn easy_strerror;
    easy_setopt_fn easy_setopt;
    easy_getinfo_fn easy_getinfo;
    slist_append_fn slist_append;
    slist_free_all_fn slist_free_all;
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_failure = NULL;
/// Room for a failure that names a file and what the loader said of it.
static char load_failure_text[512];

#if defined(__APPLE__)
static const char *const library_names[] = {"libcurl.4.dylib", "/usr/lib/libcurl.4.dylib", NULL};
#else
// libcurl4 (OpenSSL), then the GnuTLS build some systems have instead: the same ABI.
static const char *const library_names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", NULL};
#endif

static void load(void) {
    void *library = NULL;
    // XCHANGE_LIBCURL names another libcurl (a build of one's own, or one outside the
    // library path); only that one is tried.
    const char *chosen = getenv("XCHANGE_LIBCURL");
    if (chosen != NULL && *chosen != '\0') {
        library = dlopen(chosen, RTLD_NOW | RTLD_LOCAL);
        if (library == NULL) {
            // dlerror names the file and why (missing, not a library, wrong architecture).
            const char *why = dlerror();
            snprintf(load_failure_text, sizeof load_failure_text, "the libcurl XCHANGE_LIBCURL names could not be loaded: %s",
                     why != NULL ? why : chosen);
            load_failure = load_failure_text;
            return;
        }
    }
    for (const char *const *name = library_names; *name != NULL && library == NULL; name++) {
        library = dlopen(*name, RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) {
        load_failure = "libcurl (libcurl.so.4) is not installed; Debian and Ubuntu have it as libcurl4";
        return;
    }
#define FIND(field, symbol)                                                   \
    curl.field = (__typeof__(curl.field))dlsym(library, symbol);               \
    if (curl.field == NULL) {                                                  \
        load_failure = "the installed libcurl lacks " symbol;                  \
        return;                                                                \
    }
    FIND(global_init, "curl_global_init")
    FIND(easy_init, "curl_easy_init")
    FIND(easy_cleanup, "curl_easy_cleanup")
    FIND(easy_perform, "curl_easy_perform")
    FIND(easy_strerror, "curl_easy_strerror")
    FIND(easy_setopt, "curl_easy_setopt")
    FIND(easy_getinfo, "curl_easy_getinfo")
    FIND(slist_append, "curl_slist_append")
    FIND(slist_free_all, "curl_slist_free_all")
#undef FIND
    // CURL_GLOBAL_DEFAULT (TLS included). Not thread-safe in older libcurl, hence the once.
    if (curl.global_init(3) != 0) {
        load_failure = "libcurl could not be initialised";
        return;
    }
    // Transfers run with CURLOPT_NOSIGNAL (they run on threads), so libcurl does not guard
    // against SIGPIPE itself: a TLS write to a connection the server closed would end the
    // process instead of failing the attempt, which is then retried.
    signal(SIGPIPE, SIG_IGN);
}

const char *xchange_curl_load(void) {
    pthread_once(&load_once, load);
    return load_failure;
}

void *xchange_curl_easy_init(void) { return curl.easy_init(); }
void xchange_curl_easy_cleanup(void *handle) { curl.easy_cleanup(handle); }
int xchange_curl_easy_perform(void *handle) { return curl.easy_perform(handle); }
const char *xchange_curl_easy_strerror(int code) { return curl.easy_strerror(code); }

int xchange_curl_setopt_long(void *handle, int option, long value) {
    return curl.easy_setopt(handle, option, value);
}

int xchange_curl_setopt_pointer(void *handle, int option, const void *value) {
    return curl.easy_setopt(handle, option, value);
}

int xchange_curl_setopt_offset(void *handle, int option, int64_t value) {
    return curl.easy_setopt(handle, option, value);
}

int xchange_curl_setopt_write_callback(void *handle, int option, xchange_curl_write_callback callback) {
    return curl.easy_setopt(handle, option, callback);
}

int xchange_curl_getinfo_long(void *handle, int info, long *value) { return curl.easy_getinfo(handle, info, value); }

void *xchange_curl_slist_append(void *list, const char *text) { return curl.slist_append(list, text); }
void xchange_curl_slist_free_all(void *list) { curl.slist_free_all(list); }
