/* ckpt_util.c — helpers shared by the checkpoint formats: whole-file reads, atomic writes (temporary + fsync + rename), storage bytes, storage class names. */
#include "ckpt.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int64_t wk_ckpt_fail_after_bytes = -1;

/* OSError subclass for errno with CPython's text: "[Errno 2] No such file or directory: 'x'". */
bool wk_ckpt_raise_errno(int err, const char *path) {
    wk_type *t = err == ENOENT ? wk_exc_FileNotFoundError
               : err == EEXIST ? wk_exc_FileExistsError
               : err == EACCES || err == EPERM ? wk_exc_PermissionError
               : err == EISDIR ? wk_exc_IsADirectoryError : wk_exc_OSError;
    wk_value a[3] = { wk_int(err), wk_str_from_c(strerror(err)), path ? wk_str_from_c(path) : WK_NONEV };
    wk_obj *e = WK_IS_NULL(a[1]) || WK_IS_NULL(a[2]) ? NULL : wk_exc_new(t, a, 3);
    wk_decref(a[1]);
    wk_decref(a[2]);
    if (e) wk_err_restore(e);
    return false;
}

bool wk_ckpt_read_file(const char *path, unsigned char **data, size_t *n) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return wk_ckpt_raise_errno(errno, path);
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
        close(fd);
        return wk_ckpt_raise_errno(err, path);
    }
    size_t cap = st.st_size > 0 ? (size_t)st.st_size : 4096, len = 0;
    unsigned char *buf = malloc(cap + 1);
    while (buf) {
        if (len == cap) {
            unsigned char *nb = realloc(buf, 2 * cap + 1);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { int err = errno; free(buf); close(fd); return wk_ckpt_raise_errno(err, path); }
        if (r == 0) break;
        len += (size_t)r;
    }
    close(fd);
    if (!buf) { wk_raise_nomem(); return false; }
    *data = buf;
    *n = len;
    return true;
}

static bool parent_exists(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path) return true;
    char *dir = strndup(path, (size_t)(slash - path));
    struct stat st;
    bool ok = !dir || (stat(dir, &st) == 0 && S_ISDIR(st.st_mode));
    if (!ok) wk_raise(wk_exc_RuntimeError, "Parent directory %s does not exist.", dir);
    free(dir);
    return ok;
}

static void sync_parent(const char *path) {
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) { fsync(fd); close(fd); }
    free(dir);
}

bool wk_ckpt_write_atomic(const char *path, bool (*write)(FILE *f, void *ctx), void *ctx) {
    if (!parent_exists(path)) return false;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return wk_ckpt_raise_errno(EISDIR, path);
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp) { wk_raise_nomem(); return false; }
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) { int err = errno; free(tmp); return wk_ckpt_raise_errno(err, path); }
    bool ok = write(f, ctx);
    int err = 0;
    if (ok && (fflush(f) != 0 || fsync(fileno(f)) != 0)) { err = errno; ok = false; }
    if (fclose(f) != 0 && ok) { err = errno; ok = false; }
    if (ok && rename(tmp, path) != 0) { err = errno; ok = false; }
    if (!ok) {
        unlink(tmp);
        if (err) wk_ckpt_raise_errno(err, path);
    } else {
        sync_parent(path);
    }
    free(tmp);
    return ok;
}

bool wk_ckpt_storage_bytes(wk_tensor *any, int64_t numel, const void **data, bool *owned) {
    *owned = false;
    if (numel == 0) { *data = ""; return true; }
    if (any->storage->device.type == WK_DEV_CPU) { *data = any->storage->data; return true; }
    int64_t one = 1;
    wk_tensor *whole = wk_tensor_as_strided(any, 1, &numel, &one, 0);
    wk_tensor *cpu = whole ? wk_tensor_to_device(whole, WK_CPU) : NULL;
    wk_tensor_decref(whole);
    if (!cpu) { wk_bind_rt_raise(); return false; }
    size_t nb = (size_t)numel * wk_dtype_size(any->dtype);
    void *buf = malloc(nb);
    if (buf) memcpy(buf, wk_tensor_data(cpu), nb);
    wk_tensor_decref(cpu);
    if (!buf) { wk_raise_nomem(); return false; }
    *data = buf;
    *owned = true;
    return true;
}

static const struct { const char *name; wk_dtype dt; } g_storages[] = {
    { "FloatStorage", WK_DT_F32 }, { "DoubleStorage", WK_DT_F64 }, { "HalfStorage", WK_DT_F16 },
    { "BFloat16Storage", WK_DT_BF16 }, { "LongStorage", WK_DT_I64 }, { "IntStorage", WK_DT_I32 },
    { "ShortStorage", WK_DT_I16 }, { "CharStorage", WK_DT_I8 }, { "ByteStorage", WK_DT_U8 },
    { "BoolStorage", WK_DT_BOOL },
};

const char *wk_ckpt_storage_class(wk_dtype dt) {
    for (size_t i = 0; i < sizeof g_storages / sizeof *g_storages; i++)
        if (g_storages[i].dt == dt) return g_storages[i].name;
    return "FloatStorage";
}

bool wk_ckpt_storage_dtype(const char *cls, wk_dtype *out) {
    for (size_t i = 0; i < sizeof g_storages / sizeof *g_storages; i++)
        if (!strcmp(g_storages[i].name, cls)) { *out = g_storages[i].dt; return true; }
    return false;
}
