/* ckpt.h — checkpoints: torch.save/torch.load (zip + pickle) and safetensors, with the zip, pickle and JSON pieces they share. */
#ifndef WK_CKPT_H
#define WK_CKPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "bind.h"

/* ================================================================ entry points (bindings)
 * torch.save(obj, f) / torch.load(f, map_location=None, *, weights_only=None): the bindings
 * add wk_ckpt_torch_funcs ("save", "load") to the torch module, or call these directly.
 * f is a path (str) or an object with write()/read() (whole archive in one call). */
wk_value wk_ckpt_save(wk_value obj, wk_value path);
/* map_location: WK_NULL/None, 'cpu', 'cuda:0', torch.device, dict {str: str|device}, or a
 * callable f(storage_as_1d_tensor, location) -> tensor. weights_only: WK_NULL/None/True
 * (the only mode: nothing in the file is ever executed) or False (same, other message). */
wk_value wk_ckpt_load(wk_value path, wk_value map_location, wk_value weights_only);
wk_value wk_ckpt_save_fn(const wk_value *args, int nargs, wk_obj *kwnames);  /* torch.save */
wk_value wk_ckpt_load_fn(const wk_value *args, int nargs, wk_obj *kwnames);  /* torch.load */
extern const wk_methoddef wk_ckpt_torch_funcs[];     /* {"save", "load"} */
/* The `safetensors.torch` module: save_file, load_file, save, load. The lead registers it
 * (and an empty `safetensors` package whose attribute `torch` is this module). */
wk_obj *wk_mod_safetensors_torch_init(void);
/* `_pickle.UnpicklingError` (an Exception subclass), created on first use; borrowed. */
wk_type *wk_ckpt_unpickling_error(void);

/* Test hook: when >= 0, the archive writer fails with EIO after this many bytes (so tests
 * can check that a failed save leaves the previous file intact). */
extern int64_t wk_ckpt_fail_after_bytes;

/* ================================================================ CRC-32 and zip
 * Errors are set with wk_rt_err (RuntimeError texts of PyTorch's PytorchStreamReader). */
uint32_t wk_zip_crc32(uint32_t crc, const void *data, size_t n);

typedef struct wk_zip_entry {
    char *name;              /* NUL-terminated copy */
    uint64_t header_offset;  /* local header */
    uint64_t csize, usize;
    uint32_t crc;
    uint16_t method, flags;
} wk_zip_entry;

typedef struct wk_zip_reader {
    const unsigned char *data;   /* the whole archive, borrowed */
    size_t size;
    wk_zip_entry *entries;
    size_t n;
} wk_zip_reader;

/* Reads the central directory (zip64 when present). */
bool wk_zip_open(wk_zip_reader *z, const void *data, size_t size);
void wk_zip_close(wk_zip_reader *z);
const wk_zip_entry *wk_zip_find(const wk_zip_reader *z, const char *name);
/* Stored bytes of an entry, CRC-32 checked; *out points into the archive. */
bool wk_zip_read(const wk_zip_reader *z, const wk_zip_entry *e, const unsigned char **out, size_t *n);

typedef struct wk_zip_writer {
    FILE *f;
    uint64_t pos;
    wk_zip_entry *entries;
    size_t n, cap;
    bool force_zip64;        /* write zip64 records even for small archives (tests) */
    int err;                 /* errno of the first failed write, 0 when fine */
} wk_zip_writer;

void wk_zip_writer_init(wk_zip_writer *w, FILE *f);
/* Appends a stored entry whose data starts at a multiple of 64 bytes. */
bool wk_zip_add(wk_zip_writer *w, const char *name, const void *data, size_t n);
/* Writes the central directory and end records. */
bool wk_zip_finish(wk_zip_writer *w);
void wk_zip_writer_free(wk_zip_writer *w);

/* ================================================================ pickle (protocol 2) */

/* A storage met while pickling: saved once as data/<index>. */
typedef struct wk_pickle_storage {
    wk_storage *storage;     /* borrowed (kept alive by the pickled tensors) */
    wk_dtype dtype;
    int64_t numel;
    wk_tensor *any;          /* a tensor viewing it (borrowed), to copy the bytes from */
} wk_pickle_storage;

typedef struct wk_pickle_out {
    wk_sbuf buf;
    wk_pickle_storage *storages;
    int nstorages, cap;
} wk_pickle_out;

/* Pickles obj (dict, OrderedDict, list, tuple, str, int, float, bool, None, tensors,
 * Parameters, dtypes, torch.Size). false with an exception pending. */
bool wk_pickle_dump(wk_value obj, wk_pickle_out *out);
void wk_pickle_out_free(wk_pickle_out *out);

/* Loads the storage persistent id ('storage', <class>, key, location, numel): returns a new
 * reference to a 1-D tensor over the whole storage (on its final device), or NULL with an
 * exception pending. */
typedef wk_tensor *(*wk_pickle_storage_fn)(void *ctx, const char *key, wk_dtype dtype,
                                             int64_t numel, const char *location);
/* Restricted unpickler: only the tensor-rebuilding globals; never runs code. */
wk_value wk_pickle_load(const unsigned char *data, size_t n, wk_pickle_storage_fn fn, void *ctx);
/* Raises _pickle.UnpicklingError "Weights only load failed. ... WeightsUnpickler error: <detail>". */
wk_value wk_pickle_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Whether the message of wk_pickle_error names weights_only=False as the way out (PyTorch's
 * text) or says that wick never executes code (weights_only=False asked explicitly). */
void wk_pickle_set_explicit_unsafe(bool on);

/* ================================================================ tiny JSON (safetensors) */

typedef enum { WK_JSON_NULL, WK_JSON_BOOL, WK_JSON_NUM, WK_JSON_STR, WK_JSON_ARR, WK_JSON_OBJ } wk_json_kind;
typedef struct wk_json {
    wk_json_kind kind;
    bool b;
    double num;
    bool is_int;             /* number written without fraction/exponent */
    int64_t i;               /* its value when is_int (and it fits) */
    char *str;               /* STR: the decoded text; in OBJ members: the key */
    size_t len;              /* STR: bytes */
    struct wk_json *items;   /* ARR, OBJ */
    char **keys;             /* OBJ: key of each item */
    size_t n;
} wk_json;

/* Parses text (whitespace around allowed); false with *err set to a message. */
bool wk_json_parse(const char *text, size_t n, wk_json *out, const char **err);
void wk_json_free(wk_json *j);
const wk_json *wk_json_get(const wk_json *obj, const char *key);
/* Appends a JSON string literal (quotes, escapes). */
void wk_json_write_str(wk_sbuf *sb, const char *s, size_t n);

/* ================================================================ shared helpers (ckpt_util.c) */

/* OSError (FileNotFoundError, ...) "[Errno N] text: 'path'"; returns false. */
bool wk_ckpt_raise_errno(int err, const char *path);
/* Reads a whole file; OSError (FileNotFoundError...) with CPython's text on failure. */
bool wk_ckpt_read_file(const char *path, unsigned char **data, size_t *n);
/* Writes path atomically: path.tmp.<pid>, write(f, ctx), fflush, fsync, rename. On failure
 * the temporary is removed and the previous file at path stays as it was. */
bool wk_ckpt_write_atomic(const char *path, bool (*write)(FILE *f, void *ctx), void *ctx);
/* Storage bytes of t's whole storage as little-endian host bytes (a CPU copy when needed);
 * *owned is set when the caller must free(*data). */
bool wk_ckpt_storage_bytes(wk_tensor *any, int64_t numel, const void **data, bool *owned);
/* torch name of a dtype's storage class ("FloatStorage") and back. */
const char *wk_ckpt_storage_class(wk_dtype dt);
bool wk_ckpt_storage_dtype(const char *cls, wk_dtype *out);

#endif
