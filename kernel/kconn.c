/* kconn.c — the Jupyter connection file: reading, checking, endpoints, writing chosen ports back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "kint.h"

static bool get_port(json_t *root, const char *key, int *port, char *err, size_t errlen) {
    json_t *v = json_object_get(root, key);
    if (!v) { *port = 0; return true; }          /* absent: pick one */
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 65535) {
        snprintf(err, errlen, "'%s' must be an integer port number", key);
        return false;
    }
    *port = (int)json_integer_value(v);
    return true;
}

static bool get_string(json_t *root, const char *key, const char *dflt, char **out,
                       size_t *len, char *err, size_t errlen) {
    json_t *v = json_object_get(root, key);
    const char *s = dflt;
    size_t n = dflt ? strlen(dflt) : 0;
    if (v && !json_is_null(v)) {
        if (!json_is_string(v)) { snprintf(err, errlen, "'%s' must be a string", key); return false; }
        s = json_string_value(v);
        n = json_string_length(v);
    }
    if (!s) { *out = NULL; if (len) *len = 0; return true; }
    *out = malloc(n + 1);
    if (!*out) { snprintf(err, errlen, "out of memory"); return false; }
    memcpy(*out, s, n);
    (*out)[n] = 0;
    if (len) *len = n;
    return true;
}

static bool check_scheme(json_t *root, char *err, size_t errlen) {
    json_t *v = json_object_get(root, "signature_scheme");
    if (!v || json_is_null(v)) return true;
    if (json_is_string(v) && !strcmp(json_string_value(v), "hmac-sha256")) return true;
    snprintf(err, errlen, "unsupported signature_scheme (only hmac-sha256)");
    return false;
}

static bool load_fields(json_t *root, wk_kconn *c, char *err, size_t errlen) {
    char *transport = NULL;
    if (!get_string(root, "transport", "tcp", &transport, NULL, err, errlen)) return false;
    bool ok_transport = !strcmp(transport, "tcp") || !strcmp(transport, "ipc");
    if (ok_transport) snprintf(c->transport, sizeof c->transport, "%s", transport);
    else snprintf(err, errlen, "unsupported transport '%.20s'", transport);
    free(transport);
    return ok_transport
        && get_string(root, "ip", "127.0.0.1", &c->ip, NULL, err, errlen)
        && get_string(root, "key", "", &c->key, &c->keylen, err, errlen)
        && get_string(root, "kernel_name", NULL, &c->kernel_name, NULL, err, errlen)
        && check_scheme(root, err, errlen)
        && get_port(root, "shell_port", &c->shell_port, err, errlen)
        && get_port(root, "iopub_port", &c->iopub_port, err, errlen)
        && get_port(root, "stdin_port", &c->stdin_port, err, errlen)
        && get_port(root, "control_port", &c->control_port, err, errlen)
        && get_port(root, "hb_port", &c->hb_port, err, errlen);
}

bool wk_kconn_load(const char *path, wk_kconn *c, char *err, size_t errlen) {
    memset(c, 0, sizeof *c);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) {
        snprintf(err, errlen, "%s: %s (line %d)", path, jerr.text, jerr.line);
        return false;
    }
    bool ok = json_is_object(root);
    if (!ok) snprintf(err, errlen, "%s: not a JSON object", path);
    else ok = load_fields(root, c, err, errlen);
    json_decref(root);
    if (!ok) wk_kconn_free(c);
    return ok;
}

void wk_kconn_endpoint(const wk_kconn *c, int port, char *buf, size_t n) {
    if (!strcmp(c->transport, "ipc")) { snprintf(buf, n, "ipc://%s-%d", c->ip, port); return; }
    bool v6 = strchr(c->ip, ':') != NULL && c->ip[0] != '[';
    char portbuf[16];
    if (port) snprintf(portbuf, sizeof portbuf, "%d", port);
    else snprintf(portbuf, sizeof portbuf, "*");
    snprintf(buf, n, v6 ? "tcp://[%s]:%s" : "tcp://%s:%s", c->ip, portbuf);
}

bool wk_kconn_save(const wk_kconn *c, const char *path, const char *scheme) {
    json_t *root = json_pack("{s:i, s:i, s:i, s:i, s:i, s:s, s:s%, s:s, s:s}",
                             "shell_port", c->shell_port, "iopub_port", c->iopub_port,
                             "stdin_port", c->stdin_port, "control_port", c->control_port,
                             "hb_port", c->hb_port, "ip", c->ip, "key", c->key, c->keylen,
                             "transport", c->transport, "signature_scheme", scheme);
    if (!root) return false;
    if (c->kernel_name) json_object_set_new(root, "kernel_name", json_string(c->kernel_name));
    int rc = json_dump_file(root, path, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_decref(root);
    return rc == 0;
}

void wk_kconn_free(wk_kconn *c) {
    free(c->ip);
    if (c->key) sodium_memzero(c->key, c->keylen);
    free(c->key);
    free(c->kernel_name);
    c->ip = c->key = c->kernel_name = NULL;
}
