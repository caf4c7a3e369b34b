/* kmsg.c — Jupyter wire messages: multipart frames to parsed, verified messages and back (headers, signing, sending). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>
#include "kint.h"

#define MAX_FRAMES 1024

void wk_kframes_free(wk_kframe *frames, size_t n) {
    for (size_t i = 0; i < n; i++) free(frames[i].data);
    free(frames);
}

/* Appends a copy of a received part; false when out of memory. */
static bool keep_frame(wk_kframe **frames, size_t *n, size_t *cap, zmq_msg_t *part) {
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        wk_kframe *nf = realloc(*frames, ncap * sizeof *nf);
        if (!nf) return false;
        *frames = nf;
        *cap = ncap;
    }
    size_t len = zmq_msg_size(part);
    char *data = malloc(len + 1);
    if (!data) return false;
    memcpy(data, zmq_msg_data(part), len);
    data[len] = 0;
    (*frames)[*n].data = data;
    (*frames)[*n].len = len;
    (*n)++;
    return true;
}

int wk_kmsg_recv_frames(void *sock, wk_kframe **out, size_t *nout) {
    wk_kframe *frames = NULL;
    size_t n = 0, cap = 0, total = 0;
    bool dropped = false, more = true;
    while (more) {
        zmq_msg_t part;
        zmq_msg_init(&part);
        if (zmq_msg_recv(&part, sock, 0) < 0) {
            int e = errno;
            zmq_msg_close(&part);
            if (e == EINTR) continue;
            wk_kframes_free(frames, n);
            errno = e;
            return -1;
        }
        more = zmq_msg_more(&part);
        total += zmq_msg_size(&part);
        if (total > WK_KMSG_MAX || n >= MAX_FRAMES) dropped = true;
        if (!dropped && !keep_frame(&frames, &n, &cap, &part)) dropped = true;
        zmq_msg_close(&part);
    }
    if (dropped) { wk_kframes_free(frames, n); return 1; }
    *out = frames;
    *nout = n;
    return 0;
}

/* Parses one JSON frame; NULL unless it is an object. */
static json_t *parse_object(const wk_kframe *f) {
    json_error_t err;
    json_t *j = json_loadb(f->data, f->len, 0, &err);
    if (j && !json_is_object(j)) { json_decref(j); j = NULL; }
    return j;
}

static const char *parse_frames(wk_kframe *frames, size_t n, wk_ksign *sign, wk_kmsg *m) {
    size_t d = 0;
    while (d < n && !(frames[d].len == strlen(WK_KDELIM) && !memcmp(frames[d].data, WK_KDELIM, frames[d].len)))
        d++;
    if (d == n) return "no <IDS|MSG> delimiter";
    if (n - d < 6) return "too few frames";
    wk_ksig_status st = wk_ksign_verify(sign, &frames[d + 1], &frames[d + 2]);
    if (st != WK_KSIG_OK) return wk_ksign_status_text(st);
    m->nids = d;
    m->first_buffer = d + 6;
    if (!(m->header = parse_object(&frames[d + 2]))) return "header is not a JSON object";
    if (!(m->content = parse_object(&frames[d + 5]))) return "content is not a JSON object";
    m->parent = parse_object(&frames[d + 3]);
    m->metadata = parse_object(&frames[d + 4]);
    if (!m->parent) m->parent = json_object();
    if (!m->metadata) m->metadata = json_object();
    m->msg_type = wk_kernel_jstr(m->header, "msg_type", NULL);
    if (!m->msg_type || !*m->msg_type) return "header has no msg_type";
    return NULL;
}

const char *wk_kmsg_parse(wk_kframe *frames, size_t n, wk_ksign *sign, wk_kmsg *out) {
    memset(out, 0, sizeof *out);
    out->frames = frames;
    out->nframes = n;
    const char *why = parse_frames(frames, n, sign, out);
    if (why) wk_kmsg_free(out);
    return why;
}

int wk_kmsg_recv(void *sock, wk_ksign *sign, const char *channel, wk_kmsg *out) {
    wk_kframe *frames = NULL;
    size_t n = 0;
    int rc = wk_kmsg_recv_frames(sock, &frames, &n);
    if (rc < 0) return -1;
    if (rc == 1) { wk_kernel_log("%s: oversized message dropped", channel); return 0; }
    const char *why = wk_kmsg_parse(frames, n, sign, out);
    if (why) { wk_kernel_log("%s: message dropped: %s", channel, why); return 0; }
    if (wk_kernel_debug) wk_kernel_log("%s: <- %s", channel, out->msg_type);
    return 1;
}

void wk_kmsg_free(wk_kmsg *m) {
    wk_kframes_free(m->frames, m->nframes);
    json_decref(m->header);
    json_decref(m->parent);
    json_decref(m->metadata);
    json_decref(m->content);
    memset(m, 0, sizeof *m);
}

json_t *wk_kmsg_header(const char *session, const char *msg_type) {
    char id[37], date[40];
    wk_kernel_uuid(id);
    wk_kernel_now_iso(date);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "msg_id", id, "session", session,
                     "username", "wick", "date", date, "msg_type", msg_type,
                     "version", WK_KPROTOCOL);
}

static bool send_frame(void *sock, const void *data, size_t len, bool more) {
    for (;;) {
        if (zmq_send(sock, data, len, more ? ZMQ_SNDMORE : 0) >= 0) return true;
        if (errno != EINTR) return false;
    }
}

/* Sends prefix frames, the delimiter, the signature and the four JSON parts. */
static bool send_parts(void *sock, wk_ksign *sign, const wk_kframe *ids, size_t nids,
                       const wk_kframe parts[4]) {
    char sig[65];
    wk_ksign_hex(sign, parts, sig);
    bool ok = true;
    for (size_t i = 0; ok && i < nids; i++) ok = send_frame(sock, ids[i].data, ids[i].len, true);
    ok = ok && send_frame(sock, WK_KDELIM, strlen(WK_KDELIM), true);
    ok = ok && send_frame(sock, sig, strlen(sig), true);
    for (int i = 0; ok && i < 4; i++) ok = send_frame(sock, parts[i].data, parts[i].len, i < 3);
    return ok;
}

bool wk_kmsg_send(void *sock, wk_ksign *sign, const char *session, const wk_kframe *ids,
                  size_t nids, const char *msg_type, json_t *parent, json_t *metadata,
                  json_t *content) {
    json_t *header = wk_kmsg_header(session, msg_type);
    json_t *empty = json_object();
    json_t *objs[4] = { header, parent, metadata, content };
    wk_kframe parts[4];
    bool ok = header && empty;
    for (int i = 0; i < 4; i++) {
        parts[i].data = ok ? json_dumps(objs[i] ? objs[i] : empty, JSON_COMPACT) : NULL;
        parts[i].len = parts[i].data ? strlen(parts[i].data) : 0;
        ok = ok && parts[i].data;
    }
    ok = ok && send_parts(sock, sign, ids, nids, parts);
    if (!ok) wk_kernel_log("failed to send %s: %s", msg_type, zmq_strerror(errno));
    else if (wk_kernel_debug) wk_kernel_log("-> %s", msg_type);
    for (int i = 0; i < 4; i++) free(parts[i].data);
    json_decref(header);
    json_decref(empty);
    json_decref(metadata);
    json_decref(content);
    return ok;
}
