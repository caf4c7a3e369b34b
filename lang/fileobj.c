/* fileobj.c — file objects returned by open(): UTF-8 text (or bytes with 'b') read,
 * readline, readlines, write, iteration over lines, close and the context manager. */
#include "containers.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    wk_obj ob;
    FILE *fp;          /* NULL once closed */
    wk_obj *name;      /* str */
    char mode[8];
    bool readable, writable, binary;
} fileobj;

#define F(v) ((fileobj *)(v).u.o)

static wk_value raise_os_error(const char *path) {
    int e = errno;
    wk_type *t = e == ENOENT ? wk_exc_FileNotFoundError : e == EACCES || e == EPERM ? wk_exc_PermissionError :
                 e == EISDIR ? wk_exc_IsADirectoryError : e == EEXIST ? wk_exc_FileExistsError : wk_exc_OSError;
    wk_value args[3] = { wk_int(e), wk_str_from_c(strerror(e)), wk_str_from_c(path) };
    wk_obj *exc = WK_IS_NULL(args[1]) || WK_IS_NULL(args[2]) ? NULL : wk_exc_new(t, args, 3);
    wk_decref(args[1]);
    wk_decref(args[2]);
    if (exc) wk_err_restore(exc);
    return WK_NULLV;
}

/* Parses a Python open() mode into an fopen() mode; false if invalid. */
static bool parse_mode(const char *m, char *cmode, bool *rd, bool *wr, bool *bin) {
    int kind = 0, plus = 0, b = 0, t = 0;
    for (const char *p = m; *p; p++) {
        switch (*p) {
        case 'r': case 'w': case 'a': case 'x': if (kind) return false; kind = *p; break;
        case '+': if (plus++) return false; break;
        case 'b': if (b++ || t) return false; break;
        case 't': if (t++ || b) return false; break;
        default: return false;
        }
    }
    if (!kind) return false;
    *rd = kind == 'r' || plus;
    *wr = kind != 'r' || plus;
    *bin = b;
    snprintf(cmode, 8, "%c%s%s", kind == 'x' ? 'w' : kind, plus ? "+" : "", kind == 'x' ? "x" : "");
    return true;
}

wk_value wk_file_open(const char *path, const char *mode) {
    char cmode[8];
    bool rd, wr, bin;
    if (strlen(mode) > 6 || !parse_mode(mode, cmode, &rd, &wr, &bin))
        return wk_raise(wk_exc_ValueError, "invalid mode: '%s'", mode);
    FILE *fp = fopen(path, cmode);
    struct stat st;
    if (fp && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) { fclose(fp); fp = NULL; errno = EISDIR; }
    if (!fp) return raise_os_error(path);
    fileobj *f = (fileobj *)wk_obj_alloc(&wk_type_fileobj);
    wk_value name = f ? wk_str_from_c(path) : WK_NULLV;
    if (WK_IS_NULL(name)) { fclose(fp); if (f) wk_obj_decref(&f->ob); return WK_NULLV; }
    f->fp = fp;
    f->name = name.u.o;
    snprintf(f->mode, sizeof f->mode, "%s", mode);
    f->readable = rd; f->writable = wr; f->binary = bin;
    return wk_objv(&f->ob);
}

static void file_dealloc(wk_obj *o) {
    fileobj *f = (fileobj *)o;
    if (f->fp) fclose(f->fp);
    wk_obj_decref(f->name);
    wk_obj_free(o);
}

static bool check_open(fileobj *f, int need) {
    if (!f->fp) { wk_raise(wk_exc_ValueError, "I/O operation on closed file."); return false; }
    if (need == 'r' && !f->readable) { wk_raise(wk_exc_OSError, "not readable"); return false; }
    if (need == 'w' && !f->writable) { wk_raise(wk_exc_OSError, "not writable"); return false; }
    return true;
}

static wk_value make_text(fileobj *f, wk_sbuf *sb) {
    if (f->binary) {
        wk_value b = wk_bytes_new(sb->data ? sb->data : "", sb->len);
        wk_sbuf_free(sb);
        return b;
    }
    if (!sb->data) wk_sbuf_reserve(sb, 0);
    return wk_str_from_sbuf(sb);
}

/* Reads up to n characters (n < 0: all), counting UTF-8 sequences as one in text mode;
 * stops after a newline when `line`. */
static wk_value file_read_chars(fileobj *f, int64_t n, bool line) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    int64_t count = 0;
    char buf[8192];
    if (n < 0 && !line)
        for (size_t got; (got = fread(buf, 1, sizeof buf, f->fp)) > 0;) wk_sbuf_add(&sb, buf, got);
    for (int c; (n < 0 || count < n) && (c = getc(f->fp)) != EOF;) {
        wk_sbuf_addc(&sb, (char)c);
        if (f->binary || (c & 0xc0) != 0x80) {
            int next = getc(f->fp);    /* count a character once its continuation bytes are in */
            while (!f->binary && next != EOF && (next & 0xc0) == 0x80) { wk_sbuf_addc(&sb, (char)next); next = getc(f->fp); }
            if (next != EOF) ungetc(next, f->fp);
            count++;
        }
        if (line && c == '\n') break;
    }
    if (sb.oom) { wk_sbuf_free(&sb); return wk_raise_nomem(); }
    return make_text(f, &sb);
}

static bool size_arg(const wk_value *args, int nargs, wk_obj *kw, const char *name, int64_t *n) {
    *n = -1;
    if (!wk_check_args(name, nargs - 1, kw, 0, 1)) return false;
    if (nargs == 2 && !WK_IS_NONE(args[1]) && !wk_as_index(args[1], n)) return false;
    return check_open(F(args[0]), 'r');
}

static wk_value m_read(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t n;
    if (!size_arg(args, nargs, kw, "read", &n)) return WK_NULLV;
    return file_read_chars(F(args[0]), n, false);
}

static wk_value m_readline(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t n;
    if (!size_arg(args, nargs, kw, "readline", &n)) return WK_NULLV;
    return file_read_chars(F(args[0]), n, true);
}

static int64_t text_len(wk_value v) {
    return wk_is_str(v) ? WK_STR(v.u.o)->len : ((wk_bytes *)v.u.o)->len;
}

static wk_value m_readlines(const wk_value *args, int nargs, wk_obj *kw) {
    int64_t n;
    if (!size_arg(args, nargs, kw, "readlines", &n)) return WK_NULLV;
    wk_obj *l = wk_list_new(0);
    for (int64_t total = 0; l;) {
        wk_value line = file_read_chars(F(args[0]), -1, true);
        if (WK_IS_NULL(line)) { wk_obj_decref(l); return WK_NULLV; }
        int64_t len = text_len(line);
        if (len == 0) { wk_decref(line); break; }
        if (!wk_list_append_steal(l, line)) { wk_obj_decref(l); return WK_NULLV; }
        total += len;
        if (n > 0 && total >= n) break;
    }
    return wk_objv(l);
}

static wk_value m_write(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_o("write", nargs - 1, kw) || !check_open(F(args[0]), 'w')) return WK_NULLV;
    wk_value s = args[1];
    fileobj *f = F(args[0]);
    if (f->binary) {
        if (!(s.tag == WK_OBJ && s.u.o->type == &wk_type_bytes))
            return wk_raise(wk_exc_TypeError, "a bytes-like object is required, not '%s'", wk_typename(s));
        wk_bytes *b = (wk_bytes *)s.u.o;
        fwrite(b->data, 1, (size_t)b->len, f->fp);
        return wk_int(b->len);
    }
    if (!wk_is_str(s)) return wk_raise(wk_exc_TypeError, "write() argument must be str, not %s", wk_typename(s));
    fwrite(WK_STR(s.u.o)->data, 1, (size_t)WK_STR(s.u.o)->len, f->fp);
    return wk_int(WK_STR(s.u.o)->nchars);
}

static wk_value m_close(const wk_value *args, int nargs, wk_obj *kw) {
    (void)nargs; (void)kw;
    fileobj *f = F(args[0]);
    if (f->fp) { fclose(f->fp); f->fp = NULL; }
    return WK_NONEV;
}

static wk_value m_flush(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("flush", nargs - 1, kw) || !check_open(F(args[0]), 0)) return WK_NULLV;
    fflush(F(args[0])->fp);
    return WK_NONEV;
}

static wk_value m_enter(const wk_value *args, int nargs, wk_obj *kw) {
    if (!wk_check_noargs("__enter__", nargs - 1, kw) || !check_open(F(args[0]), 0)) return WK_NULLV;
    return wk_incref(args[0]);
}

static wk_value m_exit(const wk_value *args, int nargs, wk_obj *kw) { return m_close(args, nargs, kw); }

static wk_value m_simple(const wk_value *args, int nargs, wk_obj *kw, bool v) {
    if (!wk_check_noargs("readable", nargs - 1, kw) || !check_open(F(args[0]), 0)) return WK_NULLV;
    return wk_bool(v);
}
static wk_value m_readable(const wk_value *a, int n, wk_obj *kw) { return m_simple(a, n, kw, F(a[0])->readable); }
static wk_value m_writable(const wk_value *a, int n, wk_obj *kw) { return m_simple(a, n, kw, F(a[0])->writable); }

static wk_value file_iter(wk_value self) {
    if (!check_open(F(self), 'r')) return WK_NULLV;
    return wk_incref(self);
}

static wk_value file_next(wk_value self) {
    if (!check_open(F(self), 'r')) return WK_NULLV;
    wk_value line = file_read_chars(F(self), -1, true);
    if (!WK_IS_NULL(line) && text_len(line) == 0) { wk_decref(line); return WK_NULLV; }
    return line;
}

static wk_value file_repr(wk_value self) {
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, F(self)->binary ? "<_io.BufferedReader name=" : "<_io.TextIOWrapper name=");
    wk_str_repr_to(&sb, WK_STR(F(self)->name)->data, (size_t)WK_STR(F(self)->name)->len);
    if (F(self)->binary) wk_sbuf_addc(&sb, '>');
    else wk_sbuf_printf(&sb, " mode='%s' encoding='UTF-8'>", F(self)->mode);
    return wk_str_from_sbuf(&sb);
}

static wk_value get_closed(wk_value self) { return wk_bool(F(self)->fp == NULL); }
static wk_value get_name(wk_value self) { wk_obj_incref(F(self)->name); return wk_objv(F(self)->name); }
static wk_value get_mode(wk_value self) { return wk_str_from_c(F(self)->mode); }
static wk_value get_encoding(wk_value self) { (void)self; return wk_str_from_c("UTF-8"); }

static const wk_methoddef file_methods[] = {
    { "read", m_read, 0, "Read at most size characters from stream." },
    { "readline", m_readline, 0, "Read until newline or EOF." },
    { "readlines", m_readlines, 0, "Return a list of lines from the stream." },
    { "write", m_write, 0, "Write string to stream; returns the number of characters written." },
    { "close", m_close, 0, "Flush and close the IO object." },
    { "flush", m_flush, 0, "Flush write buffers, if applicable." },
    { "readable", m_readable, 0, "Return whether object was opened for reading." },
    { "writable", m_writable, 0, "Return whether object was opened for writing." },
    { "__enter__", m_enter, 0, NULL },
    { "__exit__", m_exit, 0, NULL },
    { NULL, NULL, 0, NULL }
};

static const wk_getsetdef file_getsets[] = {
    { "closed", get_closed, NULL, NULL },
    { "name", get_name, NULL, NULL },
    { "mode", get_mode, NULL, NULL },
    { "encoding", get_encoding, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_fileobj = {
    .ob = { 1, &wk_type_type }, .name = "TextIOWrapper", .base = &wk_type_object,
    .basicsize = sizeof(fileobj), .module = "_io",
    .dealloc = file_dealloc, .repr = file_repr, .iter = file_iter, .next = file_next,
};

bool wk_file_types_init(void) {
    return wk_type_ready(&wk_type_fileobj) && wk_type_add_methods(&wk_type_fileobj, file_methods) &&
           wk_type_add_getsets(&wk_type_fileobj, file_getsets);
}
