/* kernel.c — `wick kernel`: sockets bound from the connection file, heartbeat and control threads, the shell loop, signals, parent watch and shutdown. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>
#include "vm.h"
#include "kernel.h"
#include "kint.h"

#define WAKE_ENDPOINT   "inproc://wick-kernel-wake"
#define IOPUB_HWM       100000     /* messages queued per subscriber before drops */
#define LINGER_MS       1000       /* how long close waits for unsent replies */
#define STOP_GRACE_S    5.0        /* the main thread must finish this soon after a stop */

wk_kernel wk_kernel_state;
static bool vm_started;

/* ---------------------------------------------------------------- publishing, replies */

void wk_kernel_publish(wk_kernel *k, const char *msg_type, json_t *parent, json_t *content) {
    char topic[96];
    snprintf(topic, sizeof topic, "kernel.%s.%s", k->session, msg_type);
    wk_kframe id = { topic, strlen(topic) };
    pthread_mutex_lock(&k->iopub_lock);
    wk_kmsg_send(k->iopub, &k->sign, k->session, &id, 1, msg_type, parent, NULL, content);
    pthread_mutex_unlock(&k->iopub_lock);
}

void wk_kernel_status(wk_kernel *k, const char *state, json_t *parent) {
    wk_kernel_publish(k, "status", parent, json_pack("{s:s}", "execution_state", state));
}

void wk_kernel_reply(wk_kernel *k, void *sock, const wk_kmsg *req, const char *reply_type,
                     json_t *content) {
    wk_kmsg_send(sock, &k->sign, k->session, req->frames, req->nids, reply_type, req->header,
                 NULL, content);
}

void wk_kernel_request_stop(wk_kernel *k, bool restart) {
    if (restart) atomic_store(&k->restart, true);
    atomic_store(&k->stop, true);
    if (k->executing) wk_request_interrupt();
    if (k->control_started && pthread_equal(pthread_self(), k->control_thread))
        zmq_send(k->wake_tx, "", 0, ZMQ_DONTWAIT);   /* the main loop may be waiting */
}

/* ---------------------------------------------------------------- signals, parent */

static void on_sigint(int sig) {
    (void)sig;
    if (wk_kernel_state.executing) wk_request_interrupt();   /* idle: harmless */
}

static void install_signals(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

static void watch_parent_init(wk_kernel *k) {
    const char *s = getenv("JPY_PARENT_PID");
    long pid = s ? strtol(s, NULL, 10) : 0;
    k->parent_pid = pid > 1 ? (pid_t)pid : 0;
    k->parent_is_ppid = k->parent_pid && getppid() == k->parent_pid;
}

static bool parent_gone(const wk_kernel *k) {
    if (!k->parent_pid) return false;
    if (k->parent_is_ppid) return getppid() != k->parent_pid;   /* reparented */
    return kill(k->parent_pid, 0) < 0 && errno == ESRCH;
}

/* ---------------------------------------------------------------- threads */

static void *heartbeat_main(void *arg) {
    wk_kernel *k = arg;
    for (;;) {
        zmq_msg_t m;
        zmq_msg_init(&m);
        if (zmq_msg_recv(&m, k->hb, 0) < 0) {
            zmq_msg_close(&m);
            if (errno == EINTR) continue;
            break;                                   /* ETERM: shutting down */
        }
        if (zmq_msg_send(&m, k->hb, 0) < 0) zmq_msg_close(&m);
    }
    zmq_close(k->hb);
    return NULL;
}

/* One pass of the control loop: a request, the parent check, the stop deadline. */
static bool control_step(wk_kernel *k, double *stop_since) {
    zmq_pollitem_t it = { k->control, 0, ZMQ_POLLIN, 0 };
    int rc = zmq_poll(&it, 1, 1000);
    if (rc < 0 && errno != EINTR) return false;
    if (rc > 0) {
        wk_kmsg m;
        int r = wk_kmsg_recv(k->control, &k->sign, "control", &m);
        if (r < 0) return false;
        if (r > 0) { wk_kernel_dispatch(k, k->control, &m, true); wk_kmsg_free(&m); }
    }
    if (!atomic_load(&k->stop) && parent_gone(k)) {
        wk_kernel_log("parent process %d is gone; exiting", (int)k->parent_pid);
        wk_kernel_request_stop(k, false);
    }
    if (atomic_load(&k->stop)) {
        if (!*stop_since) *stop_since = wk_kernel_monotonic();
        else if (wk_kernel_monotonic() - *stop_since > STOP_GRACE_S) {
            wk_kernel_log("the running cell did not stop; exiting");
            _exit(1);
        }
    }
    return true;
}

static void *control_main(void *arg) {
    wk_kernel *k = arg;
    double stop_since = 0;
    while (control_step(k, &stop_since)) {}
    zmq_close(k->control);
    zmq_close(k->wake_tx);
    return NULL;
}

/* ---------------------------------------------------------------- sockets */

/* The port a bound tcp socket got (for port 0). */
static int bound_port(void *sock) {
    char ep[256];
    size_t len = sizeof ep;
    if (zmq_getsockopt(sock, ZMQ_LAST_ENDPOINT, ep, &len) < 0) return 0;
    char *colon = strrchr(ep, ':');
    return colon ? atoi(colon + 1) : 0;
}

/* First free ipc "port" for a socket file IP-N. */
static int free_ipc_port(const wk_kconn *c) {
    char path[4096];
    for (int n = 1; n < 65536; n++) {
        snprintf(path, sizeof path, "%s-%d", c->ip, n);
        if (access(path, F_OK) != 0) return n;
    }
    return 0;
}

static void *open_socket(wk_kernel *k, int type, int *port, const char *name) {
    void *s = zmq_socket(k->ctx, type);
    if (!s) return NULL;
    int linger = LINGER_MS, v6 = strchr(k->conn.ip, ':') != NULL;
    zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
    if (v6) zmq_setsockopt(s, ZMQ_IPV6, &v6, sizeof v6);
    if (type == ZMQ_PUB) {
        int hwm = IOPUB_HWM;
        zmq_setsockopt(s, ZMQ_SNDHWM, &hwm, sizeof hwm);
    }
    bool ipc = !strcmp(k->conn.transport, "ipc");
    if (ipc && !*port) *port = free_ipc_port(&k->conn);
    char ep[512];
    wk_kconn_endpoint(&k->conn, *port, ep, sizeof ep);
    if (zmq_bind(s, ep) < 0) {
        wk_kernel_log("cannot bind %s socket to %s: %s", name, ep, zmq_strerror(errno));
        zmq_close(s);
        return NULL;
    }
    if (!ipc && !*port) *port = bound_port(s);
    return s;
}

static bool open_sockets(wk_kernel *k, const char *conn_path) {
    wk_kconn *c = &k->conn;
    bool any_zero = !c->shell_port || !c->iopub_port || !c->stdin_port || !c->control_port || !c->hb_port;
    k->ctx = zmq_ctx_new();
    if (!k->ctx) return false;
    k->shell = open_socket(k, ZMQ_ROUTER, &c->shell_port, "shell");
    k->control = open_socket(k, ZMQ_ROUTER, &c->control_port, "control");
    k->stdin_sock = open_socket(k, ZMQ_ROUTER, &c->stdin_port, "stdin");
    k->iopub = open_socket(k, ZMQ_PUB, &c->iopub_port, "iopub");
    k->hb = open_socket(k, ZMQ_REP, &c->hb_port, "heartbeat");
    k->wake_rx = zmq_socket(k->ctx, ZMQ_PAIR);
    k->wake_tx = zmq_socket(k->ctx, ZMQ_PAIR);
    if (!k->shell || !k->control || !k->stdin_sock || !k->iopub || !k->hb || !k->wake_rx || !k->wake_tx)
        return false;
    if (zmq_bind(k->wake_rx, WAKE_ENDPOINT) < 0 || zmq_connect(k->wake_tx, WAKE_ENDPOINT) < 0)
        return false;
    if (any_zero && !wk_kconn_save(c, conn_path, "hmac-sha256"))
        wk_kernel_log("cannot write the chosen ports back to %s", conn_path);
    return true;
}

static void close_if(void **s) { if (*s) zmq_close(*s); *s = NULL; }

/* ---------------------------------------------------------------- main loop */

static void serve_shell(wk_kernel *k) {
    wk_kmsg m;
    int r = wk_kmsg_recv(k->shell, &k->sign, "shell", &m);
    if (r <= 0) return;
    wk_kernel_dispatch(k, k->shell, &m, false);
    wk_kmsg_free(&m);
    if (k->abort_queue) wk_kernel_abort_queued(k);
}

static void main_loop(wk_kernel *k) {
    zmq_pollitem_t items[2] = { { k->shell, 0, ZMQ_POLLIN, 0 }, { k->wake_rx, 0, ZMQ_POLLIN, 0 } };
    while (!atomic_load(&k->stop)) {
        if (zmq_poll(items, 2, -1) < 0) {
            if (errno == EINTR) continue;
            wk_kernel_log("poll failed: %s", zmq_strerror(errno));
            break;
        }
        if (items[1].revents & ZMQ_POLLIN) {
            char b[8];
            while (zmq_recv(k->wake_rx, b, sizeof b, ZMQ_DONTWAIT) >= 0) {}
        }
        if (items[0].revents & ZMQ_POLLIN) serve_shell(k);
    }
}

/* Helper threads start with SIGINT blocked, so the signal reaches the main thread. */
static bool start_threads(wk_kernel *k) {
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    bool stream_ok = wk_kstream_start(k);
    k->hb_started = pthread_create(&k->hb_thread, NULL, heartbeat_main, k) == 0;
    k->control_started = pthread_create(&k->control_thread, NULL, control_main, k) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return stream_ok && k->hb_started && k->control_started;
}

static void shutdown_all(wk_kernel *k) {
    wk_kstream_stop(k);
    if (k->ctx) zmq_ctx_shutdown(k->ctx);          /* heartbeat and control see ETERM */
    if (k->hb_started) pthread_join(k->hb_thread, NULL);
    else close_if(&k->hb);
    if (k->control_started) pthread_join(k->control_thread, NULL);
    else { close_if(&k->control); close_if(&k->wake_tx); }
    close_if(&k->shell);
    close_if(&k->stdin_sock);
    close_if(&k->iopub);
    close_if(&k->wake_rx);
    if (k->ctx) zmq_ctx_term(k->ctx);
    k->ctx = NULL;
    wk_khist_free(&k->hist);
    wk_ksign_free(&k->sign);
    wk_kconn_free(&k->conn);
    pthread_mutex_destroy(&k->iopub_lock);
}

/* -f FILE, -f=FILE, --f=FILE, --f FILE; NULL when missing. */
static const char *connection_arg(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "-f") || !strcmp(a, "--f")) && i + 1 < argc) return argv[i + 1];
        if (!strncmp(a, "-f=", 3)) return a + 3;
        if (!strncmp(a, "--f=", 4)) return a + 4;
    }
    return NULL;
}

static bool setup(wk_kernel *k, int argc, char **argv, const char *path) {
    char err[512];
    if (!wk_kconn_load(path, &k->conn, err, sizeof err)) {
        fprintf(stderr, "wick kernel: bad connection file: %s\n", err);
        return false;
    }
    if (!wk_ksign_init(&k->sign, k->conn.key, k->conn.keylen)) {
        fprintf(stderr, "wick kernel: cannot initialise libsodium\n");
        return false;
    }
    if (!wk_init(argc, argv)) {
        fprintf(stderr, "wick kernel: failed to start the interpreter\n");
        return false;
    }
    vm_started = true;
    wk_kernel_uuid(k->session);
    watch_parent_init(k);
    install_signals();
    wk_kernel_install_hooks(k);
    return open_sockets(k, path) && start_threads(k);
}

int wk_kernel_main(int argc, char **argv) {
    wk_kernel *k = &wk_kernel_state;
    const char *path = connection_arg(argc, argv);
    if (!path) {
        fprintf(stderr, "usage: wick kernel -f CONNECTION_FILE\n");
        return 2;
    }
    memset(k, 0, sizeof *k);
    pthread_mutex_init(&k->iopub_lock, NULL);
    wk_kernel_debug = getenv("WICK_KERNEL_DEBUG") != NULL;
    bool ok = setup(k, argc, argv, path);
    if (ok) {
        wk_kernel_status(k, "starting", NULL);
        main_loop(k);
    }
    shutdown_all(k);
    if (vm_started) wk_fini();
    return ok ? 0 : 1;
}
