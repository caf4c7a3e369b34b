/* kint.h — internals shared by the Jupyter kernel's files: frames, messages, signing, the connection file, stream batching, history and the kernel state. */
#ifndef WK_KINT_H
#define WK_KINT_H

#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "object.h"

#define WK_KPROTOCOL   "5.3"
#define WK_KDELIM      "<IDS|MSG>"
#define WK_KMSG_MAX    ((size_t)128 << 20)   /* bytes of one incoming message, all frames */

/* ---------------------------------------------------------------- utilities (kutil.c) */

extern bool wk_kernel_debug;                 /* WICK_KERNEL_DEBUG set: log every message */
void wk_kernel_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void wk_kernel_uuid(char out[37]);           /* random (version 4) UUID, lowercase */
void wk_kernel_now_iso(char out[40]);        /* 2024-05-01T12:00:00.123456Z */
double wk_kernel_monotonic(void);            /* seconds */
size_t wk_kernel_utf8_count(const char *s, size_t n);   /* code points */
/* A JSON string from bytes that should be UTF-8; malformed sequences become U+FFFD.
 * Never NULL unless out of memory. */
json_t *wk_kernel_jstring(const char *s, size_t n);
/* Integer field of an object, or dflt when absent or not an integer (bools count). */
long long wk_kernel_jint(const json_t *obj, const char *key, long long dflt);
bool wk_kernel_jbool(const json_t *obj, const char *key, bool dflt);
/* String field (borrowed) or NULL; *len receives its byte length. */
const char *wk_kernel_jstr(const json_t *obj, const char *key, size_t *len);

/* ---------------------------------------------------------------- connection file (kconn.c) */

typedef struct wk_kconn {
    char transport[8];          /* "tcp" or "ipc" */
    char *ip;
    int shell_port, iopub_port, stdin_port, control_port, hb_port;
    char *key;                  /* raw bytes of the "key" string */
    size_t keylen;
    char *kernel_name;          /* may be NULL */
} wk_kconn;

/* Reads and checks a connection file; on failure writes a reason into err. */
bool wk_kconn_load(const char *path, wk_kconn *c, char *err, size_t errlen);
/* "tcp://IP:PORT" ("tcp://IP:*" for port 0) or "ipc://IP-PORT". */
void wk_kconn_endpoint(const wk_kconn *c, int port, char *buf, size_t n);
/* Writes the ports back (after binding port 0 to a free port). */
bool wk_kconn_save(const wk_kconn *c, const char *path, const char *scheme);
void wk_kconn_free(wk_kconn *c);

/* ---------------------------------------------------------------- signing (ksign.c) */

typedef struct wk_kframe { char *data; size_t len; } wk_kframe;

typedef enum { WK_KSIG_OK, WK_KSIG_BAD, WK_KSIG_UNSIGNED, WK_KSIG_REPLAY } wk_ksig_status;

typedef struct wk_ksign {
    unsigned char *key;         /* NULL/0: no signing */
    size_t keylen;
    pthread_mutex_t lock;       /* the replay memory is shared by shell, control, stdin */
    uint64_t *seen[2];          /* two generations of signature fingerprints */
    size_t nseen;               /* entries in seen[0] */
} wk_ksign;

bool wk_ksign_init(wk_ksign *s, const char *key, size_t keylen);
void wk_ksign_free(wk_ksign *s);
/* Lowercase hex HMAC-SHA256 of the four frames; "" when there is no key. */
void wk_ksign_hex(const wk_ksign *s, const wk_kframe parts[4], char out[65]);
/* Checks a received signature (constant time) and remembers it to refuse replays. */
wk_ksig_status wk_ksign_verify(wk_ksign *s, const wk_kframe *sig, const wk_kframe parts[4]);
const char *wk_ksign_status_text(wk_ksig_status st);

/* ---------------------------------------------------------------- messages (kmsg.c) */

typedef struct wk_kmsg {
    wk_kframe *frames;          /* every frame as received (owned) */
    size_t nframes;
    size_t nids;                /* identities: frames[0 .. nids-1] */
    json_t *header, *parent, *metadata, *content;
    size_t first_buffer;        /* index of the first extra buffer frame */
    const char *msg_type;       /* borrowed from header */
} wk_kmsg;

/* Reads all frames of one multipart message. 0: ok; 1: oversized (drained, dropped);
 * -1: socket error (errno: ETERM when the context is shutting down). */
int wk_kmsg_recv_frames(void *sock, wk_kframe **frames, size_t *n);
/* Splits and verifies frames (taking ownership of them). NULL on success, else a
 * reason; the frames are freed either way on failure. */
const char *wk_kmsg_parse(wk_kframe *frames, size_t n, wk_ksign *sign, wk_kmsg *out);
/* recv + parse; logs dropped messages with the channel name. 1 ok, 0 dropped, -1 error. */
int wk_kmsg_recv(void *sock, wk_ksign *sign, const char *channel, wk_kmsg *out);
void wk_kmsg_free(wk_kmsg *m);
void wk_kframes_free(wk_kframe *frames, size_t n);
/* A header object with all six fields. */
json_t *wk_kmsg_header(const char *session, const char *msg_type);
/* Serialises, signs and sends. Borrows parent (NULL: {}); steals metadata and content
 * (NULL: {}). ids: routing prefix (ROUTER) or topic (PUB). Returns false on failure. */
bool wk_kmsg_send(void *sock, wk_ksign *sign, const char *session, const wk_kframe *ids,
                  size_t nids, const char *msg_type, json_t *parent, json_t *metadata,
                  json_t *content);

/* ---------------------------------------------------------------- history (khist.c) */

typedef struct wk_khist_entry { int line; char *input; char *output; } wk_khist_entry;
typedef struct wk_khist { wk_khist_entry *items; size_t len, cap; } wk_khist;

void wk_khist_add(wk_khist *h, int line, const char *input, size_t len);
void wk_khist_set_output(wk_khist *h, int line, const char *text, size_t len);
/* Answers a history_request's content with the "history" list (new reference). */
json_t *wk_khist_query(const wk_khist *h, const json_t *req);
void wk_khist_free(wk_khist *h);

/* ---------------------------------------------------------------- the kernel */

typedef struct wk_kernel wk_kernel;

/* Batched stream output (kstream.c): text is sent at most every WK_KSTREAM_DELAY
 * seconds, when it exceeds WK_KSTREAM_CHUNK bytes, when the stream name changes, and
 * before any other output of the cell. */
#define WK_KSTREAM_DELAY 0.05
#define WK_KSTREAM_CHUNK (64 * 1024)
typedef struct wk_kstream {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    pthread_t thread;
    bool started, quit;
    char *buf;
    size_t len, cap;
    int fd;                     /* 1 stdout, 2 stderr: the stream of buf */
    double since;               /* monotonic time of the first pending byte */
    json_t *parent;             /* header of the request the output belongs to */
    bool discard;               /* silent execution */
} wk_kstream;

bool wk_kstream_start(wk_kernel *k);
void wk_kstream_stop(wk_kernel *k);
void wk_kstream_begin(wk_kernel *k, json_t *parent, bool discard);
void wk_kstream_write(wk_kernel *k, int fd, const char *s, size_t n);
void wk_kstream_flush(wk_kernel *k);
void wk_kstream_end(wk_kernel *k);

struct wk_kernel {
    wk_kconn conn;
    wk_ksign sign;
    char session[37];
    void *ctx;
    void *shell, *control, *stdin_sock, *iopub, *hb;
    void *wake_rx, *wake_tx;    /* inproc pair: control thread → main loop */
    pthread_mutex_t iopub_lock; /* iopub is written by the main, control and flusher threads */
    pthread_t hb_thread, control_thread;
    bool hb_started, control_started;
    atomic_bool stop, restart;
    atomic_int executing;        /* a cell runs (read by the SIGINT handler and control) */
    int execution_count;
    bool abort_queue;           /* an execute failed with stop_on_error */
    const wk_kmsg *current;     /* execute_request being run (input_request routing) */
    bool allow_stdin;
    json_t *payload;            /* execute_reply payloads of the running cell, or NULL */
    wk_kstream stream;
    wk_khist hist;
    pid_t parent_pid;           /* JPY_PARENT_PID, 0 when unset */
    bool parent_is_ppid;
};

extern wk_kernel wk_kernel_state;

/* Publishes on iopub (thread-safe). Borrows parent, steals content. */
void wk_kernel_publish(wk_kernel *k, const char *msg_type, json_t *parent, json_t *content);
void wk_kernel_status(wk_kernel *k, const char *state, json_t *parent);
/* Sends a reply to req on its socket (only from the thread that owns sock). */
void wk_kernel_reply(wk_kernel *k, void *sock, const wk_kmsg *req, const char *reply_type,
                     json_t *content);
/* Asks the main loop to finish (shutdown request, parent gone). */
void wk_kernel_request_stop(wk_kernel *k, bool restart);

/* Handlers (khandlers.c, kexec.c). control: the message came on the control channel. */
void wk_kernel_dispatch(wk_kernel *k, void *sock, wk_kmsg *m, bool control);
void wk_kernel_execute(wk_kernel *k, void *sock, wk_kmsg *m);
void wk_kernel_abort_queued(wk_kernel *k);
void wk_kernel_install_hooks(wk_kernel *k);
void wk_kernel_send_aborted(wk_kernel *k, void *sock, wk_kmsg *m);

/* Rich display (kdisplay.c). */
void wk_kernel_display_init(wk_kernel *k);   /* IPython.display hooks, In/Out/_ names */
/* A wick value as JSON (str, numbers, None, lists, tuples, dicts; bytes as base64;
 * anything else as its repr). Never NULL. */
json_t *wk_kernel_value_json(wk_value v, int depth);
/* A mime bundle dict as JSON: strings, except JSON values for application/(*+)json. */
json_t *wk_kernel_bundle_json(wk_obj *data);
bool wk_kernel_publish_result(wk_kernel *k, json_t *parent, int count, wk_value v, wk_value *plain);
void wk_kernel_store_input(int count, const char *code, size_t len);
/* IPython.lib.pretty's text for lists, tuples, dicts, sets and frozensets (kpretty.c):
 * applies says whether v is one of them; pretty returns a str or WK_NULL + exception. */
bool wk_kernel_pretty_applies(wk_value v);
wk_value wk_kernel_pretty(wk_value v);
void wk_kernel_store_result(int count, bool store, wk_value v);

#endif
