/* kstream.c — batched stdout/stderr `stream` messages: a buffer filled by the VM's write hook, flushed by size, by stream change, before other outputs, and by a timer thread. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "kint.h"

/* Sends the pending text (caller holds the stream lock). */
static void flush_locked(wk_kernel *k) {
    wk_kstream *st = &k->stream;
    if (!st->len) return;
    json_t *text = wk_kernel_jstring(st->buf, st->len);
    const char *name = st->fd == 2 ? "stderr" : "stdout";
    st->len = 0;
    if (text) wk_kernel_publish(k, "stream", st->parent, json_pack("{s:s, s:o}", "name", name, "text", text));
}

static void deadline(struct timespec *ts, double when) {
    ts->tv_sec = (time_t)when;
    ts->tv_nsec = (long)((when - (double)ts->tv_sec) * 1e9);
    if (ts->tv_nsec >= 1000000000L) { ts->tv_sec++; ts->tv_nsec -= 1000000000L; }
}

/* Timer thread: sends text that has waited WK_KSTREAM_DELAY seconds. */
static void *flusher(void *arg) {
    wk_kernel *k = arg;
    wk_kstream *st = &k->stream;
    pthread_mutex_lock(&st->lock);
    while (!st->quit) {
        if (!st->len) { pthread_cond_wait(&st->cond, &st->lock); continue; }
        double due = st->since + WK_KSTREAM_DELAY;
        if (wk_kernel_monotonic() >= due) { flush_locked(k); continue; }
        struct timespec ts;
        deadline(&ts, due);
        pthread_cond_timedwait(&st->cond, &st->lock, &ts);
    }
    pthread_mutex_unlock(&st->lock);
    return NULL;
}

bool wk_kstream_start(wk_kernel *k) {
    wk_kstream *st = &k->stream;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&st->lock, NULL);
    pthread_cond_init(&st->cond, &attr);
    pthread_condattr_destroy(&attr);
    st->fd = 1;
    st->discard = true;          /* until the first cell begins */
    st->started = pthread_create(&st->thread, NULL, flusher, k) == 0;
    return st->started;
}

void wk_kstream_stop(wk_kernel *k) {
    wk_kstream *st = &k->stream;
    if (!st->started) return;
    pthread_mutex_lock(&st->lock);
    flush_locked(k);
    st->quit = true;
    pthread_cond_signal(&st->cond);
    pthread_mutex_unlock(&st->lock);
    pthread_join(st->thread, NULL);
    st->started = false;
    json_decref(st->parent);
    st->parent = NULL;
    free(st->buf);
    st->buf = NULL;
    st->cap = 0;
    pthread_cond_destroy(&st->cond);
    pthread_mutex_destroy(&st->lock);
}

void wk_kstream_begin(wk_kernel *k, json_t *parent, bool discard) {
    wk_kstream *st = &k->stream;
    pthread_mutex_lock(&st->lock);
    flush_locked(k);
    json_decref(st->parent);
    st->parent = json_incref(parent);
    st->discard = discard;
    pthread_mutex_unlock(&st->lock);
}

static bool reserve(wk_kstream *st, size_t extra) {
    if (st->len + extra <= st->cap) return true;
    size_t ncap = st->cap ? st->cap : 4096;
    while (ncap < st->len + extra) ncap *= 2;
    char *nb = realloc(st->buf, ncap);
    if (!nb) return false;
    st->buf = nb;
    st->cap = ncap;
    return true;
}

void wk_kstream_write(wk_kernel *k, int fd, const char *s, size_t n) {
    wk_kstream *st = &k->stream;
    if (!n) return;
    pthread_mutex_lock(&st->lock);
    if (!st->discard) {
        if (st->len && st->fd != fd) flush_locked(k);
        if (!st->len) { st->since = wk_kernel_monotonic(); pthread_cond_signal(&st->cond); }
        st->fd = fd;
        if (reserve(st, n)) { memcpy(st->buf + st->len, s, n); st->len += n; }
        if (st->len >= WK_KSTREAM_CHUNK) flush_locked(k);
    }
    pthread_mutex_unlock(&st->lock);
}

void wk_kstream_flush(wk_kernel *k) {
    pthread_mutex_lock(&k->stream.lock);
    flush_locked(k);
    pthread_mutex_unlock(&k->stream.lock);
}

void wk_kstream_end(wk_kernel *k) {
    wk_kstream *st = &k->stream;
    pthread_mutex_lock(&st->lock);
    flush_locked(k);
    st->discard = true;          /* output outside any cell goes nowhere */
    pthread_mutex_unlock(&st->lock);
}
