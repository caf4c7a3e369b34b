/* ksign.c — HMAC-SHA256 message signatures (libsodium), constant-time checks and the replay memory. */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "kint.h"

#define SEEN_SLOTS 65536u           /* per generation; a power of two */
#define SEEN_LIMIT (SEEN_SLOTS / 2) /* entries before the generations rotate */

bool wk_ksign_init(wk_ksign *s, const char *key, size_t keylen) {
    memset(s, 0, sizeof *s);
    if (sodium_init() < 0) return false;
    pthread_mutex_init(&s->lock, NULL);
    if (!keylen) return true;
    s->key = malloc(keylen);
    s->seen[0] = calloc(SEEN_SLOTS, sizeof(uint64_t));
    s->seen[1] = calloc(SEEN_SLOTS, sizeof(uint64_t));
    if (!s->key || !s->seen[0] || !s->seen[1]) { wk_ksign_free(s); return false; }
    memcpy(s->key, key, keylen);
    s->keylen = keylen;
    return true;
}

void wk_ksign_free(wk_ksign *s) {
    if (s->key) sodium_memzero(s->key, s->keylen);
    free(s->key);
    free(s->seen[0]);
    free(s->seen[1]);
    s->key = NULL;
    s->seen[0] = s->seen[1] = NULL;
    s->keylen = 0;
    pthread_mutex_destroy(&s->lock);
}

static void digest(const wk_ksign *s, const wk_kframe parts[4],
                   unsigned char out[crypto_auth_hmacsha256_BYTES]) {
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, s->key, s->keylen);
    for (int i = 0; i < 4; i++)
        crypto_auth_hmacsha256_update(&st, (const unsigned char *)parts[i].data, parts[i].len);
    crypto_auth_hmacsha256_final(&st, out);
    sodium_memzero(&st, sizeof st);
}

void wk_ksign_hex(const wk_ksign *s, const wk_kframe parts[4], char out[65]) {
    out[0] = 0;
    if (!s->keylen) return;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    digest(s, parts, mac);
    sodium_bin2hex(out, 65, mac, sizeof mac);
}

/* Looks fp up in a generation; inserts it when insert is set. True when present. */
static bool seen_probe(uint64_t *table, uint64_t fp, bool insert) {
    size_t i = (size_t)fp & (SEEN_SLOTS - 1);
    while (table[i]) {
        if (table[i] == fp) return true;
        i = (i + 1) & (SEEN_SLOTS - 1);
    }
    if (insert) table[i] = fp;
    return false;
}

/* True when the signature was seen before; otherwise remembers it. */
static bool seen_before(wk_ksign *s, const unsigned char *mac) {
    uint64_t fp;
    memcpy(&fp, mac, sizeof fp);
    if (!fp) fp = 1;                 /* 0 marks an empty slot */
    pthread_mutex_lock(&s->lock);
    bool dup = seen_probe(s->seen[1], fp, false) || seen_probe(s->seen[0], fp, false);
    if (!dup) {
        if (s->nseen >= SEEN_LIMIT) {   /* rotate: forget the older generation */
            uint64_t *old = s->seen[1];
            memset(old, 0, SEEN_SLOTS * sizeof(uint64_t));
            s->seen[1] = s->seen[0];
            s->seen[0] = old;
            s->nseen = 0;
        }
        seen_probe(s->seen[0], fp, true);
        s->nseen++;
    }
    pthread_mutex_unlock(&s->lock);
    return dup;
}

wk_ksig_status wk_ksign_verify(wk_ksign *s, const wk_kframe *sig, const wk_kframe parts[4]) {
    if (!s->keylen) return WK_KSIG_OK;
    if (!sig->len) return WK_KSIG_UNSIGNED;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    char hex[65];
    digest(s, parts, mac);
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    if (sig->len != 64 || sodium_memcmp(hex, sig->data, 64) != 0) return WK_KSIG_BAD;
    return seen_before(s, mac) ? WK_KSIG_REPLAY : WK_KSIG_OK;
}

const char *wk_ksign_status_text(wk_ksig_status st) {
    switch (st) {
    case WK_KSIG_OK: return "ok";
    case WK_KSIG_BAD: return "invalid signature";
    case WK_KSIG_UNSIGNED: return "unsigned message";
    case WK_KSIG_REPLAY: return "duplicate signature (replay)";
    }
    return "?";
}
