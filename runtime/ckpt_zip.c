/* ckpt_zip.c — a small zip reader (stored entries, zip64, CRC-32 checked) and writer (stored, 64-byte aligned data, zip64 when needed) for torch.save archives. */
#include "ckpt.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SIG_LOCAL   0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_EOCD    0x06054b50u
#define SIG_EOCD64  0x06064b50u
#define SIG_LOC64   0x07064b50u
#define ALIGN       64
#define U32_MAX_F   0xffffffffu

/* ================================================================ CRC-32 (IEEE, reflected) */

static uint32_t g_crc_table[256];
static bool g_crc_ready;

static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        g_crc_table[i] = c;
    }
    g_crc_ready = true;
}

uint32_t wk_zip_crc32(uint32_t crc, const void *data, size_t n) {
    if (!g_crc_ready) crc_init();
    const unsigned char *p = data;
    crc = ~crc;
    for (size_t i = 0; i < n; i++) crc = g_crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* ================================================================ little-endian access */

static uint16_t rd16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t rd64(const unsigned char *p) { return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32; }

static unsigned char *wr16(unsigned char *p, uint16_t v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); return p + 2; }
static unsigned char *wr32(unsigned char *p, uint32_t v) { p = wr16(p, (uint16_t)v); return wr16(p, (uint16_t)(v >> 16)); }
static unsigned char *wr64(unsigned char *p, uint64_t v) { p = wr32(p, (uint32_t)v); return wr32(p, (uint32_t)(v >> 32)); }

/* ================================================================ reader */

static bool archive_error(const char *what) {
    return wk_rt_err(WK_ERR_RUNTIME, "PytorchStreamReader failed reading zip archive: %s", what);
}

/* Offset of the end-of-central-directory record, or -1. */
static int64_t find_eocd(const unsigned char *d, size_t size) {
    if (size < 22) return -1;
    size_t lo = size > 22 + 65535 ? size - 22 - 65535 : 0;
    for (size_t pos = size - 22 + 1; pos-- > lo;) {
        if (rd32(d + pos) == SIG_EOCD && pos + 22 + rd16(d + pos + 20) <= size) return (int64_t)pos;
    }
    return -1;
}

typedef struct { uint64_t n, cd_size, cd_off; } cd_info;

static bool read_end(const unsigned char *d, size_t size, cd_info *ci) {
    int64_t e = find_eocd(d, size);
    if (e < 0) return archive_error("failed finding central directory");
    const unsigned char *p = d + e;
    if (rd16(p + 4) != 0 || rd16(p + 6) != 0) return archive_error("unsupported multidisk archive");
    ci->n = rd16(p + 10);
    ci->cd_size = rd32(p + 12);
    ci->cd_off = rd32(p + 16);
    if (e >= 20 && rd32(d + e - 20) == SIG_LOC64) {
        uint64_t off = rd64(d + e - 20 + 8);
        if (off > size || size - off < 56 || rd32(d + off) != SIG_EOCD64)
            return archive_error("invalid header or archive is corrupted");
        ci->n = rd64(d + off + 32);
        ci->cd_size = rd64(d + off + 40);
        ci->cd_off = rd64(d + off + 48);
    }
    if (ci->cd_off > size || ci->cd_size > size - ci->cd_off || ci->n > ci->cd_size / 46)
        return archive_error("invalid header or archive is corrupted");
    return true;
}

/* Applies a zip64 extended-information extra field to the fields saturated in the header. */
static bool apply_zip64(const unsigned char *x, size_t xlen, wk_zip_entry *e, bool off_sat) {
    while (xlen >= 4) {
        uint16_t id = rd16(x), len = rd16(x + 2);
        if ((size_t)len + 4 > xlen) return false;
        if (id == 1) {
            const unsigned char *q = x + 4, *end = x + 4 + len;
            if (e->usize == U32_MAX_F) { if (end - q < 8) return false; e->usize = rd64(q); q += 8; }
            if (e->csize == U32_MAX_F) { if (end - q < 8) return false; e->csize = rd64(q); q += 8; }
            if (off_sat) { if (end - q < 8) return false; e->header_offset = rd64(q); }
            return true;
        }
        x += 4 + len;
        xlen -= 4 + (size_t)len;
    }
    return true;
}

static bool read_central(wk_zip_reader *z, const cd_info *ci) {
    const unsigned char *p = z->data + ci->cd_off, *end = p + ci->cd_size;
    z->entries = calloc(ci->n ? ci->n : 1, sizeof *z->entries);
    if (!z->entries) return wk_rt_err(WK_ERR_OOM, "out of memory reading the zip directory");
    for (uint64_t i = 0; i < ci->n; i++) {
        if (end - p < 46 || rd32(p) != SIG_CENTRAL) return archive_error("invalid header or archive is corrupted");
        size_t nl = rd16(p + 28), xl = rd16(p + 30), cl = rd16(p + 32);
        if ((size_t)(end - p) < 46 + nl + xl + cl) return archive_error("invalid header or archive is corrupted");
        wk_zip_entry *e = &z->entries[z->n];
        e->flags = rd16(p + 8);
        e->method = rd16(p + 10);
        e->crc = rd32(p + 16);
        e->csize = rd32(p + 20);
        e->usize = rd32(p + 24);
        e->header_offset = rd32(p + 42);
        if (!apply_zip64(p + 46 + nl, xl, e, e->header_offset == U32_MAX_F))
            return archive_error("invalid header or archive is corrupted");
        if (!(e->name = malloc(nl + 1))) return wk_rt_err(WK_ERR_OOM, "out of memory reading the zip directory");
        memcpy(e->name, p + 46, nl);
        e->name[nl] = 0;
        z->n++;
        p += 46 + nl + xl + cl;
    }
    return true;
}

bool wk_zip_open(wk_zip_reader *z, const void *data, size_t size) {
    memset(z, 0, sizeof *z);
    z->data = data;
    z->size = size;
    cd_info ci = { 0, 0, 0 };
    if (read_end(z->data, size, &ci) && read_central(z, &ci)) return true;
    wk_zip_close(z);
    return false;
}

void wk_zip_close(wk_zip_reader *z) {
    for (size_t i = 0; i < z->n; i++) free(z->entries[i].name);
    free(z->entries);
    z->entries = NULL;
    z->n = 0;
}

const wk_zip_entry *wk_zip_find(const wk_zip_reader *z, const char *name) {
    for (size_t i = 0; i < z->n; i++)
        if (!strcmp(z->entries[i].name, name)) return &z->entries[i];
    return NULL;
}

static bool file_error(const wk_zip_entry *e, const char *what) {
    return wk_rt_err(WK_ERR_RUNTIME, "PytorchStreamReader failed reading file %s: %s", e->name, what);
}

bool wk_zip_read(const wk_zip_reader *z, const wk_zip_entry *e, const unsigned char **out, size_t *n) {
    uint64_t off = e->header_offset;
    if (off > z->size || z->size - off < 30 || rd32(z->data + off) != SIG_LOCAL)
        return file_error(e, "invalid header or archive is corrupted");
    if (e->method != 0) return file_error(e, "unsupported method");
    if (e->flags & 1) return file_error(e, "unsupported encryption");
    uint64_t start = off + 30 + rd16(z->data + off + 26) + rd16(z->data + off + 28);
    if (e->csize != e->usize || start > z->size || z->size - start < e->csize)
        return file_error(e, "invalid header or archive is corrupted");
    const unsigned char *p = z->data + start;
    if (wk_zip_crc32(0, p, (size_t)e->csize) != e->crc) return file_error(e, "CRC-32 check failed");
    *out = p;
    *n = (size_t)e->csize;
    return true;
}

/* ================================================================ writer */

void wk_zip_writer_init(wk_zip_writer *w, FILE *f) {
    memset(w, 0, sizeof *w);
    w->f = f;
}

static bool put(wk_zip_writer *w, const void *p, size_t n) {
    if (w->err) return false;
    if (wk_ckpt_fail_after_bytes >= 0 && w->pos + n > (uint64_t)wk_ckpt_fail_after_bytes) {
        uint64_t lim = (uint64_t)wk_ckpt_fail_after_bytes;
        if (w->pos < lim) fwrite(p, 1, (size_t)(lim - w->pos), w->f);   /* a partial write, then "EIO" */
        w->err = EIO;
        return false;
    }
    if (n && fwrite(p, 1, n, w->f) != n) {
        w->err = errno ? errno : EIO;
        return false;
    }
    w->pos += n;
    return true;
}

static bool add_entry(wk_zip_writer *w, const wk_zip_entry *e) {
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        wk_zip_entry *ne = realloc(w->entries, cap * sizeof *ne);
        if (!ne) { w->err = ENOMEM; return false; }
        w->entries = ne;
        w->cap = cap;
    }
    w->entries[w->n] = *e;
    if (!(w->entries[w->n].name = strdup(e->name))) { w->err = ENOMEM; return false; }
    w->n++;
    return true;
}

static uint16_t name_flags(const char *name) {
    for (const unsigned char *s = (const unsigned char *)name; *s; s++)
        if (*s >= 0x80) return 0x0800;   /* UTF-8 names */
    return 0;
}

bool wk_zip_add(wk_zip_writer *w, const char *name, const void *data, size_t n) {
    size_t nl = strlen(name);
    if (nl > 0xffff) { w->err = ENAMETOOLONG; return false; }
    bool z64 = w->force_zip64 || (uint64_t)n >= U32_MAX_F;
    size_t z64len = z64 ? 20 : 0;
    size_t pad = (ALIGN - (size_t)((w->pos + 30 + nl + z64len + 4) % ALIGN)) % ALIGN;
    wk_zip_entry e = { (char *)name, w->pos, n, n, wk_zip_crc32(0, data, n), 0, name_flags(name) };
    unsigned char h[30 + 20 + 4], *p = h;
    p = wr32(p, SIG_LOCAL); p = wr16(p, z64 ? 45 : 20); p = wr16(p, e.flags); p = wr16(p, 0);
    p = wr16(p, 0); p = wr16(p, 0x21); p = wr32(p, e.crc);
    p = wr32(p, z64 ? U32_MAX_F : (uint32_t)n); p = wr32(p, z64 ? U32_MAX_F : (uint32_t)n);
    p = wr16(p, (uint16_t)nl); p = wr16(p, (uint16_t)(z64len + 4 + pad));
    bool ok = put(w, h, 30) && put(w, name, nl);
    if (z64) {
        p = h;
        p = wr16(p, 1); p = wr16(p, 16); p = wr64(p, n); p = wr64(p, n);
        ok = ok && put(w, h, 20);
    }
    char fb[4 + ALIGN];
    wr16((unsigned char *)fb, 0x4246);   /* "FB" */
    wr16((unsigned char *)fb + 2, (uint16_t)pad);
    memset(fb + 4, 'Z', pad);
    return ok && put(w, fb, 4 + pad) && put(w, data, n) && add_entry(w, &e);
}

static bool put_central(wk_zip_writer *w, const wk_zip_entry *e) {
    bool z64 = w->force_zip64 || e->usize >= U32_MAX_F || e->header_offset >= U32_MAX_F;
    size_t nl = strlen(e->name);
    unsigned char h[46 + 28], *p = h;
    p = wr32(p, SIG_CENTRAL); p = wr16(p, 0x031e); p = wr16(p, z64 ? 45 : 20); p = wr16(p, e->flags);
    p = wr16(p, 0); p = wr16(p, 0); p = wr16(p, 0x21); p = wr32(p, e->crc);
    p = wr32(p, z64 ? U32_MAX_F : (uint32_t)e->csize); p = wr32(p, z64 ? U32_MAX_F : (uint32_t)e->usize);
    p = wr16(p, (uint16_t)nl); p = wr16(p, z64 ? 28 : 0); p = wr16(p, 0); p = wr16(p, 0);
    p = wr16(p, 0); p = wr32(p, 0644u << 16); p = wr32(p, z64 ? U32_MAX_F : (uint32_t)e->header_offset);
    unsigned char *x = p;
    if (z64) {
        x = wr16(x, 1); x = wr16(x, 24); x = wr64(x, e->usize); x = wr64(x, e->csize);
        x = wr64(x, e->header_offset);
    }
    return put(w, h, 46) && put(w, e->name, nl) && put(w, p, (size_t)(x - p));
}

static bool put_end64(wk_zip_writer *w, uint64_t cd_off, uint64_t cd_size) {
    uint64_t rec = w->pos;
    unsigned char h[56 + 20], *p = h;
    p = wr32(p, SIG_EOCD64); p = wr64(p, 44); p = wr16(p, 45); p = wr16(p, 45);
    p = wr32(p, 0); p = wr32(p, 0); p = wr64(p, w->n); p = wr64(p, w->n);
    p = wr64(p, cd_size); p = wr64(p, cd_off);
    p = wr32(p, SIG_LOC64); p = wr32(p, 0); p = wr64(p, rec); p = wr32(p, 1);
    return put(w, h, sizeof h);
}

bool wk_zip_finish(wk_zip_writer *w) {
    uint64_t cd_off = w->pos;
    for (size_t i = 0; i < w->n; i++)
        if (!put_central(w, &w->entries[i])) return false;
    uint64_t cd_size = w->pos - cd_off;
    bool z64 = w->force_zip64 || w->n >= 0xffff || cd_off >= U32_MAX_F || cd_size >= U32_MAX_F;
    if (z64 && !put_end64(w, cd_off, cd_size)) return false;
    unsigned char h[22], *p = h;
    uint16_t n16 = w->n >= 0xffff ? 0xffff : (uint16_t)w->n;
    p = wr32(p, SIG_EOCD); p = wr16(p, 0); p = wr16(p, 0); p = wr16(p, n16); p = wr16(p, n16);
    p = wr32(p, cd_size >= U32_MAX_F ? U32_MAX_F : (uint32_t)cd_size);
    p = wr32(p, cd_off >= U32_MAX_F ? U32_MAX_F : (uint32_t)cd_off);
    p = wr16(p, 0);
    return put(w, h, sizeof h);
}

void wk_zip_writer_free(wk_zip_writer *w) {
    for (size_t i = 0; i < w->n; i++) free(w->entries[i].name);
    free(w->entries);
    w->entries = NULL;
    w->n = w->cap = 0;
}
