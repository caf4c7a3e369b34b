/* cuda_loader.c — finds and dlopens the CUDA plugin on first use, checks its ABI, registers its backend, keeps the failure reason. */
#include "cuda_loader.h"
#include "error.h"
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PLUGIN_NAME "wick_cuda.so"

typedef enum { ST_UNTRIED, ST_OK, ST_NO_PLUGIN, ST_NO_DRIVER, ST_NO_DEVICE, ST_FAILED } load_state;

static struct {
    load_state state;
    const wk_cuda_api *api;
    void *handle;
    char reason[1024];
    char paths[3 * (PATH_MAX + 1)];
} g_cuda;

/* Directory of the running executable ("" when unknown). */
static void exe_dir(char *buf, size_t cap) {
    buf[0] = 0;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash) return;
    *slash = 0;
    snprintf(buf, cap, "%s", exe);
}

/* Fills the candidate list: $WICK_CUDA_PLUGIN alone when set, else <exe dir>/ and <exe dir>/../lib/. */
static int candidates(char out[][PATH_MAX], int cap) {
    int n = 0;
    const char *env = getenv("WICK_CUDA_PLUGIN");
    if (env && *env) {
        snprintf(out[n++], PATH_MAX, "%s", env);
        return n;
    }
    char dir[PATH_MAX];
    exe_dir(dir, sizeof dir);
    if (!dir[0] || cap < 2) return n;
    snprintf(out[n++], PATH_MAX, "%.*s/" PLUGIN_NAME, PATH_MAX - 32, dir);
    snprintf(out[n++], PATH_MAX, "%.*s/../lib/" PLUGIN_NAME, PATH_MAX - 32, dir);
    return n;
}

static bool fail(load_state st, const char *fmt, const char *a, const char *b) {
    g_cuda.state = st;
    snprintf(g_cuda.reason, sizeof g_cuda.reason, fmt, a, b);
    return false;
}

static const wk_cuda_host g_host = {WK_CUDA_API_VERSION, WK_BACKEND_ABI, wk_rt_err};

/* The NVIDIA driver, asked before the plugin is loaded: where it is missing or sees no GPU
 * there is nothing to load the plugin (and the ~200 MB of cuBLAS it links) for, and
 * torch.cuda.is_available() stays a millisecond answer. $WICK_CUDA_DRIVER names another
 * driver library. A library without the driver entry points leaves the verdict to the plugin. */
static bool driver_absent(void) {
    const char *lib = getenv("WICK_CUDA_DRIVER");
    void *h = dlopen(lib && *lib ? lib : "libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        return !fail(ST_NO_DRIVER, "CUDA driver: %.500s%s", e ? e : "libcuda.so.1 not found", "");
    }
    int (*cu_init)(unsigned) = NULL, (*cu_count)(int *) = NULL;
    void *a = dlsym(h, "cuInit"), *b = dlsym(h, "cuDeviceGetCount");
    memcpy(&cu_init, &a, sizeof a);
    memcpy(&cu_count, &b, sizeof b);
    int n = -1;
    if (!cu_init || !cu_count) return false;
    int rc = cu_init(0);
    if (rc == 100 /* CUDA_ERROR_NO_DEVICE */ || (rc == 0 && cu_count(&n) == 0 && n == 0))
        return !fail(ST_NO_DEVICE, "CUDA driver: no CUDA-capable device is detected%s%s", "", "");
    return false; /* the driver stays loaded: the plugin uses it */
}

/* dlopen + dlsym + init of one existing file. */
static bool load_file(const char *path) {
    if (driver_absent()) return false;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        return fail(ST_FAILED, "cannot load the CUDA plugin %.400s: %.500s", path, e ? e : "dlopen failed");
    }
    wk_cuda_plugin_init_fn init;
    void *sym = dlsym(h, WK_CUDA_PLUGIN_ENTRY);
    memcpy(&init, &sym, sizeof init);
    if (!init) {
        dlclose(h);
        return fail(ST_FAILED, "the CUDA plugin %.400s has no %.100s entry point", path, WK_CUDA_PLUGIN_ENTRY);
    }
    char why[512] = "";
    const wk_cuda_api *api = NULL;
    int rc = init(WK_CUDA_API_VERSION, &g_host, &api, why, sizeof why);
    if (rc != WK_CUDA_INIT_OK || !api) {
        dlclose(h);
        load_state st = rc == WK_CUDA_INIT_NO_DRIVER ? ST_NO_DRIVER : rc == WK_CUDA_INIT_NO_DEVICE ? ST_NO_DEVICE : ST_FAILED;
        return fail(st, "%.900s%s", why[0] ? why : "the CUDA plugin failed to initialise", "");
    }
    if (!wk_backend_register(api->backend)) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", wk_rt_errmsg());
        wk_rt_errclear();
        dlclose(h);
        return fail(ST_FAILED, "CUDA plugin %.400s rejected: %.400s", path, msg);
    }
    g_cuda.handle = h; /* never closed: kernels and cuBLAS stay loaded for the process */
    g_cuda.api = api;
    g_cuda.state = ST_OK;
    g_cuda.reason[0] = 0;
    return true;
}

bool wk_cuda_load(void) {
    if (g_cuda.state != ST_UNTRIED) return g_cuda.state == ST_OK;
    char cand[3][PATH_MAX];
    int n = candidates(cand, 3);
    g_cuda.paths[0] = 0;
    for (int i = 0; i < n; i++) {
        size_t l = strlen(g_cuda.paths);
        snprintf(g_cuda.paths + l, sizeof g_cuda.paths - l, "%s%s", i ? "\n" : "", cand[i]);
    }
    for (int i = 0; i < n; i++)
        if (access(cand[i], F_OK) == 0) return load_file(cand[i]);
    if (n == 1) return fail(ST_NO_PLUGIN, "no CUDA plugin: WICK_CUDA_PLUGIN=%.400s does not exist%s", cand[0], "");
    return fail(ST_NO_PLUGIN, "no CUDA plugin (looked for %.400s and %.400s)", n > 0 ? cand[0] : PLUGIN_NAME,
                n > 1 ? cand[1] : "../lib/" PLUGIN_NAME);
}

bool wk_cuda_is_available(void) { return wk_cuda_load() && g_cuda.api->device_count() > 0; }

const wk_cuda_api *wk_cuda(void) { return wk_cuda_load() ? g_cuda.api : NULL; }

const char *wk_cuda_unavailable_reason(void) {
    wk_cuda_load();
    return g_cuda.reason;
}

const char *wk_cuda_search_paths(void) {
    wk_cuda_load();
    return g_cuda.paths;
}

bool wk_cuda_plugin_missing(void) { return !wk_cuda_load() && g_cuda.state == ST_NO_PLUGIN; }

bool wk_cuda_require(void) {
    if (wk_cuda_load()) return true;
    switch (g_cuda.state) {
    case ST_NO_PLUGIN: return wk_rt_err(WK_ERR_ASSERTION, "Torch not compiled with CUDA enabled");
    case ST_NO_DRIVER:
        return wk_rt_err(WK_ERR_RUNTIME, "Found no NVIDIA driver on your system. Please check that you have an NVIDIA "
                                         "GPU and installed a driver from http://www.nvidia.com/Download/index.aspx");
    case ST_NO_DEVICE: return wk_rt_err(WK_ERR_RUNTIME, "No CUDA GPUs are available");
    default: return wk_rt_err(WK_ERR_RUNTIME, "CUDA is not available: %s", g_cuda.reason);
    }
}
