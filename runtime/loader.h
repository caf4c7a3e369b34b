/* loader.h — DataLoader's worker threads: batches of rows of CPU tensors gathered into new tensors by pthreads, handed back in order through a bounded ring. */
#ifndef WK_LOADER_H
#define WK_LOADER_H
#include "tensor.h"

/* A batch of indices into dim 0 of every source becomes, for each source t, a new
 * contiguous tensor equal to torch.stack([t[i] for i in idx]) (same dtype, plain copies).
 * Workers only read the sources' memory and allocate the results; they never touch a
 * reference count of anything the caller owns. The loader holds a reference to each
 * source's storage until wk_loader_free. Everything but the workers runs on one thread
 * (the caller's); the loader is not meant to be shared between caller threads. */
typedef struct wk_loader wk_loader;

#define WK_LOADER_MAX_WORKERS 64   /* more requested workers share these threads */

/* nsrc >= 1 CPU tensors with ndim >= 1 and equal size(0); capacity >= 1 batches may be
 * queued or ready at once. NULL with the runtime error set on bad arguments or when no
 * thread could be started. */
wk_loader *wk_loader_new(int nsrc, wk_tensor *const *src, int nworkers, int capacity);
/* Rows in each source (size of dim 0). */
int64_t wk_loader_rows(const wk_loader *l);
/* Queues the batch idx[0..n) (copied; every index in [0, rows)). False with the error set
 * (IndexError for an index out of range, RuntimeError when capacity batches are pending). */
bool wk_loader_put(wk_loader *l, const int64_t *idx, int64_t n);
/* Batches put and not yet taken. */
int wk_loader_pending(const wk_loader *l);

typedef enum {
    WK_LOADER_OK = 1,          /* out[0..nsrc) hold new references */
    WK_LOADER_EMPTY = 0,       /* nothing pending */
    WK_LOADER_FAILED = -1,     /* the batch could not be made (runtime error set); it is consumed */
    WK_LOADER_STOPPED = -2,    /* poll returned false; the batch stays pending */
    WK_LOADER_TIMEOUT = -3     /* not ready within timeout_s; the batch stays pending */
} wk_loader_status;

/* Waits for the oldest pending batch. While waiting, poll(ctx) (may be NULL) is called
 * every few milliseconds; timeout_s <= 0 waits without limit. */
wk_loader_status wk_loader_take(wk_loader *l, wk_tensor **out, double timeout_s,
                                bool (*poll)(void *ctx), void *ctx);
/* Stops the workers (queued batches are dropped; one being gathered is finished), joins
 * them, frees untaken batches and releases the sources. NULL allowed. */
void wk_loader_free(wk_loader *l);

#endif
