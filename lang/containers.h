/* containers.h — private helpers shared by the container and builtin files (list, tuple,
 * dict, set, range, slice, iterators, sort, builtins); not a contract header. */
#ifndef WK_CONTAINERS_H
#define WK_CONTAINERS_H
#include "object.h"

/* Iterator and helper types defined in iterobj.c / dict.c / set.c / range.c / fileobj.c. */
extern wk_type wk_type_enumerate, wk_type_zip, wk_type_map, wk_type_filter,
    wk_type_reversed, wk_type_seqiter, wk_type_listiter, wk_type_listreviter,
    wk_type_tupleiter, wk_type_calliter, wk_type_rangeiter, wk_type_dictiter,
    wk_type_setiter, wk_type_fileobj;

/* Per-file type initialisation, called by wk_container_types_init (list.c). */
bool wk_list_types_init(void);
bool wk_tuple_types_init(void);
bool wk_dict_types_init(void);
bool wk_set_types_init(void);
bool wk_range_types_init(void);
bool wk_slice_types_init(void);
bool wk_iter_types_init(void);
bool wk_file_types_init(void);

/* Repr recursion guard (list.c): 1 if o is already being printed (caller prints "..."),
 * 0 after registering it; wk_repr_leave must follow a 0. -1 on error. */
int wk_repr_enter(wk_obj *o);
void wk_repr_leave(wk_obj *o);

/* Raises "unhashable type: 'X'" (hash slot of mutable containers). */
bool wk_hash_unhashable(wk_value self, int64_t *out);

/* Sequences. */
bool wk_list_extend(wk_obj *l, wk_value iterable);      /* l.extend(iterable) */
wk_value wk_list_from_iter(wk_value iterable);            /* list(iterable) */
bool wk_list_sort(wk_obj *l, wk_value key, bool reverse); /* sort.c; key WK_NULL/None */
/* Stable merge sort of an array of values (steals nothing); keys may be NULL. */
bool wk_sort_values(wk_value *items, wk_value *keys, int64_t n, bool reverse);
/* Fast-path access to the items of a list or tuple (exact or subclass); NULL if neither. */
wk_value *wk_seq_items(wk_value v, int64_t *len);
/* Normalises an index for a sequence of length len (negative from the end); false when
 * out of range (no exception set). */
static inline bool wk_seq_index(int64_t *i, int64_t len) {
    if (*i < 0) *i += len;
    return *i >= 0 && *i < len;
}
/* Shared list/tuple lexicographic comparison. */
wk_value wk_seq_richcmp(wk_value a, wk_value b, wk_cmp_op op);   /* a, b: lists or tuples */
/* Sequence `*` for either operand order: rep(seq, n) or the CPython TypeError. */
wk_value wk_seq_mul(wk_value a, wk_value b, wk_type *t, wk_value (*rep)(wk_value seq, int64_t n));
bool wk_seq_repr(wk_sbuf *sb, const wk_value *items, int64_t n);  /* "a, b, c" */
/* index/count arguments: value, optional start, stop clamped to len. */
bool wk_seq_index_args(const wk_value *args, int nargs, wk_obj *kwnames, const char *fname,
                       int64_t len, int64_t *start, int64_t *stop);

/* Tuples */
wk_value wk_tuple_from_iter(wk_value iterable);

/* Dicts and sets. */
bool wk_is_dict_like(wk_value v);                  /* dict or subclass */
bool wk_is_anyset(wk_value v);                     /* set, frozenset or subclasses */
wk_obj *wk_set_from_iter(wk_type *t, wk_value iterable);
int wk_set_discard(wk_obj *s, wk_value v);         /* 1 removed, 0 absent, -1 error */
int wk_dict_pop_key(wk_obj *d, wk_value key, wk_value *out);  /* 1 popped (new ref), 0 */

/* Range values for the builtins. */
typedef struct { wk_obj ob; int64_t start, stop, step, len; } wk_range;

/* Argument-count checks with CPython's wordings (nargs excludes self):
 * wk_check_o: "f() takes exactly one argument (0 given)";
 * wk_check_noargs: "f() takes no arguments (1 given)";
 * wk_check_args: "f expected at most 2 arguments, got 3" (and "at least", exact);
 * all three: "f() takes no keyword arguments" when kwnames is non-empty. */
bool wk_check_o(const char *fname, int nargs, wk_obj *kwnames);
bool wk_check_noargs(const char *fname, int nargs, wk_obj *kwnames);
bool wk_check_args(const char *fname, int nargs, wk_obj *kwnames, int min, int max);
static inline int wk_nkw(wk_obj *kwnames) { return kwnames ? (int)WK_TUPLE(kwnames)->len : 0; }
/* Sequence subscript key: 1 integer (in *i), 2 slice, 0 error "T indices must be
 * integers or slices, not X". */
int wk_seq_key(wk_value key, const char *tname, int64_t *i);
/* Iterators over lists/tuples/generic __getitem__ sequences (iterobj.c). */
wk_value wk_seqiter_new(wk_type *t, wk_value seq);
wk_value wk_calliter_new(wk_value callable, wk_value sentinel);   /* iter(f, sentinel) */

/* Function tables of builtins_num.c and builtins_io.c (registered by builtins.c). */
extern const wk_methoddef wk_builtins_num[], wk_builtins_io[];

/* print() for fileobj and the builtins. */
wk_value wk_file_open(const char *path, const char *mode);
#endif
