/* dict_impl.h — the dict layout (dict.c) and the lookup helpers the VM's inline caches
 * use (vm*.c, abstract.c); private, not a contract header.
 *
 * Versions: every dict gets a version number from one global counter when it is created
 * and again whenever a key is inserted or deleted or its table is rebuilt (replacing the
 * value of an existing key does not change it). A (dict pointer, version) pair therefore
 * names one exact key set: a cache that saw "name is not in dict d" at version v may
 * trust that as long as d->version == v, even if d is freed and another dict reuses the
 * address. Version 0 is never handed out.
 *
 * Entry hints: an entry index ix remembered from an earlier lookup is valid for key k
 * when ix < nentries and entries[ix].key is the very object k (keys are unique in a
 * dict, so identity proves it is the entry of k). This holds for any dict, whatever
 * happened to it since, which makes hints safe without any version check. */
#ifndef WK_DICT_IMPL_H
#define WK_DICT_IMPL_H
#include "object.h"

typedef struct { int64_t hash; wk_value key, value; } wk_dentry;   /* key WK_NULL: deleted */
struct wk_dict {
    wk_obj ob;
    int64_t used;        /* live entries */
    int64_t nentries;    /* entries[] slots consumed, deleted ones included */
    int64_t usable;      /* capacity of entries[] */
    int64_t mask;        /* index table size - 1 */
    int32_t *index;      /* EMPTY, DUMMY or an entry number; same block as entries */
    wk_dentry *entries;  /* NULL until the first insertion */
    uint64_t version;    /* see above */
};

extern uint64_t wk_dict_version_counter;
static inline uint64_t wk_dict_next_version(void) { return ++wk_dict_version_counter; }

/* The value slot of key `name` in dict o when entry `hint` holds exactly that key
 * object, else NULL. */
static inline wk_value *wk_dict_hint_slot(wk_obj *o, wk_obj *name, int64_t hint) {
    wk_dict *d = (wk_dict *)o;
    if ((uint64_t)hint < (uint64_t)d->nentries) {
        wk_dentry *e = &d->entries[hint];
        if (e->key.u.o == name && e->key.tag == WK_OBJ) return &e->value;
    }
    return NULL;
}

/* Entry index of the str key `name` in o, -1 if missing, -2 on error (a lookup that had
 * to compare with a non-str key of equal hash raised). */
int64_t wk_dict_find_str_ix(wk_obj *o, wk_obj *name);

#endif
