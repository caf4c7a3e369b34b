/* import.c — module objects, the native/source module registry, and the import system
 * (sys.modules caching, dotted names, .py files and packages on sys.path, from-imports). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vm_ops.h"

/* ---------------------------------------------------------------- module objects */

#define MOD(o) ((wk_module *)(o))

wk_obj *wk_module_new(const char *name) {
    wk_module *m = (wk_module *)wk_obj_alloc(&wk_type_module);
    if (!m) return NULL;
    wk_value nm = wk_str_from_c(name);
    m->dict = wk_dict_new();
    if (WK_IS_NULL(nm) || !m->dict) {
        wk_decref(nm);
        wk_obj_decref(&m->ob);
        return NULL;
    }
    m->name = nm.u.o;
    if (wk_dict_set_s(m->dict, "__name__", nm) < 0 || wk_dict_set_s(m->dict, "__doc__", WK_NONEV) < 0
        || wk_dict_set_s(m->dict, "__package__", WK_NONEV) < 0
        || wk_dict_set_s(m->dict, "__spec__", WK_NONEV) < 0) {
        wk_obj_decref(&m->ob);
        return NULL;
    }
    return &m->ob;
}

bool wk_module_add(wk_obj *mod, const char *name, wk_value v) {
    return wk_dict_set_s(MOD(mod)->dict, name, v) == 0;
}

bool wk_module_add_funcs(wk_obj *mod, const wk_methoddef *defs) {
    for (; defs->name; defs++) {
        wk_value f = wk_cfunction_new(defs->name, defs->fn, defs->doc);
        if (WK_IS_NULL(f)) return false;
        wk_cfunction *cf = (wk_cfunction *)f.u.o;
        if (!cf->module_name) {
            cf->module_name = MOD(mod)->name;
            wk_obj_incref(cf->module_name);
        }
        bool ok = wk_module_add(mod, defs->name, f);
        wk_decref(f);
        if (!ok) return false;
    }
    return true;
}

wk_obj *wk_module_dict(wk_obj *mod) { return MOD(mod)->dict; }

static void module_dealloc(wk_obj *o) {
    wk_obj_decref(MOD(o)->dict);
    wk_obj_decref(MOD(o)->name);
    wk_obj_free(o);
}

static const char *module_name(wk_obj *o) {
    wk_value n = wk_dict_get_s(MOD(o)->dict, "__name__");
    if (wk_is_str(n)) return wk_str_cstr(n);
    return MOD(o)->name ? wk_str_cstr(wk_objv(MOD(o)->name)) : "?";
}

static wk_value module_repr(wk_value self) {
    wk_value file = wk_dict_get_s(MOD(self.u.o)->dict, "__file__");
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    wk_sbuf_adds(&sb, "<module ");
    const char *nm = module_name(self.u.o);
    wk_str_repr_to(&sb, nm, strlen(nm));
    if (wk_is_str(file)) {
        wk_sbuf_adds(&sb, " from ");
        wk_str_repr_to(&sb, wk_str_cstr(file), (size_t)WK_STR(file.u.o)->len);
    } else {
        wk_sbuf_adds(&sb, " (built-in)");
    }
    wk_sbuf_addc(&sb, '>');
    return wk_str_from_sbuf(&sb);
}

static wk_value module_getattr(wk_value self, wk_obj *name) {
    wk_value v;
    int r = wk_dict_lookup_str(MOD(self.u.o)->dict, name, &v);
    if (r > 0) return wk_incref(v);
    if (r < 0) return WK_NULLV;
    v = wk_generic_getattr(self, name);
    if (!WK_IS_NULL(v) || !wk_err_matches(wk_exc_AttributeError)) return v;
    wk_err_clear();
    wk_value ga = wk_dict_get_s(MOD(self.u.o)->dict, "__getattr__");
    if (!WK_IS_NULL(ga)) return wk_call1(ga, wk_objv(name));
    return wk_raise(wk_exc_AttributeError, "module '%s' has no attribute '%s'",
                    module_name(self.u.o), wk_str_cstr(wk_objv(name)));
}

static int module_setattr(wk_value self, wk_obj *name, wk_value v) {
    wk_obj *d = MOD(self.u.o)->dict;
    if (!WK_IS_NULL(v)) return wk_dict_set(d, wk_objv(name), v);
    if (wk_dict_del(d, wk_objv(name)) == 0) return 0;
    if (wk_err_matches(wk_exc_KeyError)) {
        wk_err_clear();
        wk_raise(wk_exc_AttributeError, "module '%s' has no attribute '%s'", module_name(self.u.o),
                 wk_str_cstr(wk_objv(name)));
    }
    return -1;
}

static wk_value module_get_dict(wk_value self) {
    wk_obj_incref(MOD(self.u.o)->dict);
    return wk_objv(MOD(self.u.o)->dict);
}

static const wk_getsetdef module_getsets[] = {
    { "__dict__", module_get_dict, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_module = {
    .ob = { WK_VM_IMMORTAL, &wk_type_type }, .name = "module", .basicsize = sizeof(wk_module),
    .flags = WK_TPFLAG_BASETYPE,
    .dealloc = module_dealloc, .repr = module_repr, .getattr = module_getattr,
    .setattr = module_setattr,
};

bool wk_module_types_init(void) {
    return wk_type_ready(&wk_type_module) && wk_type_add_getsets(&wk_type_module, module_getsets);
}

/* ---------------------------------------------------------------- registry */

typedef struct { char *name; wk_module_init_fn init; const char *source; bool package; } regentry;
static regentry *registry;
static int nregistry, capregistry;

static void register_entry(const char *name, wk_module_init_fn init, const char *source, bool package) {
    for (int i = 0; i < nregistry; i++)
        if (!strcmp(registry[i].name, name)) {
            registry[i].init = init;
            registry[i].source = source;
            registry[i].package = package;
            return;
        }
    if (nregistry == capregistry) {
        int cap = capregistry ? capregistry * 2 : 16;
        regentry *r = realloc(registry, sizeof(regentry) * (size_t)cap);
        if (!r) return;
        registry = r;
        capregistry = cap;
    }
    char *copy = strdup(name);
    if (!copy) return;
    registry[nregistry++] = (regentry){ copy, init, source, package };
}

void wk_register_native_module(const char *name, wk_module_init_fn init) { register_entry(name, init, NULL, false); }
void wk_register_source_module(const char *name, const char *source) { register_entry(name, NULL, source, false); }
void wk_register_source_package(const char *name, const char *source) { register_entry(name, NULL, source, true); }

static regentry *find_entry(const char *name) {
    for (int i = 0; i < nregistry; i++)
        if (!strcmp(registry[i].name, name)) return &registry[i];
    return NULL;
}

bool wk_import_init(void) { return true; }

void wk_import_fini(void) {
    for (int i = 0; i < nregistry; i++) free(registry[i].name);
    free(registry);
    registry = NULL;
    nregistry = capregistry = 0;
}

/* ---------------------------------------------------------------- loading */

static wk_obj *sys_modules(void) { return wk_vm_state.modules; }

/* Runs source text as the body of a new module registered in sys.modules. */
static wk_obj *exec_module(const char *name, const char *src, size_t len, const char *filename,
                           const char *file_attr, const char *pkgdir) {
    wk_obj *m = wk_module_new(name);
    if (!m) return NULL;
    wk_obj *d = MOD(m)->dict;
    bool ok = true;
    if (file_attr) {
        wk_value fv = wk_str_from_c(file_attr);
        ok = !WK_IS_NULL(fv) && wk_dict_set_s(d, "__file__", fv) == 0;
        wk_decref(fv);
    }
    const char *dot = strrchr(name, '.');
    wk_value pkg = pkgdir ? wk_str_from_c(name) : dot ? wk_str_new(name, (size_t)(dot - name)) : wk_str_new("", 0);
    ok = ok && !WK_IS_NULL(pkg) && wk_dict_set_s(d, "__package__", pkg) == 0;
    wk_decref(pkg);
    if (ok && pkgdir) {
        wk_value dir = wk_str_from_c(pkgdir);
        wk_obj *path = WK_IS_NULL(dir) ? NULL : wk_list_new(0);
        ok = path && wk_list_append(path, dir) && wk_dict_set_s(d, "__path__", wk_objv(path)) == 0;
        wk_decref(dir);
        wk_obj_decref(path);
    }
    ok = ok && wk_dict_set_s(sys_modules(), name, wk_objv(m)) == 0;
    if (!ok) { wk_obj_decref(m); return NULL; }
    wk_obj *code = wk_compile_source(src, len, filename, WK_MODE_EXEC, file_attr == NULL);
    wk_value r = code ? wk_eval_code(code, d, NULL) : WK_NULLV;
    wk_obj_decref(code);
    if (WK_IS_NULL(r)) {
        wk_obj *pending = wk_err_fetch();
        wk_value key = wk_str_from_c(name);
        if (!WK_IS_NULL(key) && wk_dict_del(sys_modules(), key) < 0) wk_err_clear();
        wk_decref(key);
        wk_err_restore(pending);
        wk_obj_decref(m);
        return NULL;
    }
    wk_decref(r);
    /* the module in sys.modules may have been replaced by its body */
    wk_value cur = wk_dict_get_s(sys_modules(), name);
    wk_obj_decref(m);
    if (WK_IS_NULL(cur)) {
        wk_raise(wk_exc_ImportError, "Loaded module %s not found in sys.modules", name);
        return NULL;
    }
    wk_incref(cur);
    return cur.u.o;
}

static char *read_file(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) { free(buf); buf = NULL; }
    fclose(fp);
    if (buf) { buf[n] = 0; *len = (size_t)n; }
    return buf;
}

static bool is_file(const char *p) { struct stat st; return stat(p, &st) == 0 && S_ISREG(st.st_mode); }

/* Searches the directories of a path list for leaf.py or leaf/__init__.py. */
static wk_obj *load_from_path(const char *fullname, const char *leaf, wk_value pathlist, bool *found) {
    *found = false;
    if (!wk_is_list(pathlist)) return NULL;
    wk_sbuf sb;
    wk_sbuf_init(&sb);
    for (int64_t i = 0; i < WK_LIST(pathlist.u.o)->len; i++) {
        wk_value dirv = WK_LIST(pathlist.u.o)->items[i];
        if (!wk_is_str(dirv)) continue;
        const char *dir = wk_str_cstr(dirv);
        const char *sep = *dir ? "/" : "";
        for (int pkg = 0; pkg < 2; pkg++) {
            wk_sbuf_clear(&sb);
            if (pkg) wk_sbuf_printf(&sb, "%s%s%s/__init__.py", dir, sep, leaf);
            else wk_sbuf_printf(&sb, "%s%s%s.py", dir, sep, leaf);
            if (sb.oom || !is_file(sb.data)) continue;
            size_t len = 0;
            char *src = read_file(sb.data, &len);
            if (!src) continue;
            *found = true;
            char *pkgdir = NULL;
            if (pkg) {
                wk_sbuf db;
                wk_sbuf_init(&db);
                wk_sbuf_printf(&db, "%s%s%s", dir, sep, leaf);
                pkgdir = wk_sbuf_take(&db, NULL);
            }
            wk_obj *m = exec_module(fullname, src, len, sb.data, sb.data, pkgdir);
            free(pkgdir);
            free(src);
            wk_sbuf_free(&sb);
            return m;
        }
    }
    wk_sbuf_free(&sb);
    return NULL;
}

/* Imports one module whose parent (if any) is already imported. */
static wk_obj *import_one(const char *fullname, wk_obj *parent) {
    wk_value cached = wk_dict_get_s(sys_modules(), fullname);
    if (!WK_IS_NULL(cached) && !WK_IS_NONE(cached)) {
        wk_incref(cached);
        return cached.u.o;
    }
    regentry *e = find_entry(fullname);
    wk_obj *m = NULL;
    bool found = false;
    if (e && e->init) {
        m = e->init();
        if (m && wk_dict_set_s(sys_modules(), fullname, wk_objv(m)) < 0) { wk_obj_decref(m); m = NULL; }
        found = true;
    } else if (e && e->source) {
        char fname[300];
        snprintf(fname, sizeof fname, "<%s>", fullname);
        m = exec_module(fullname, e->source, strlen(e->source), fname, NULL, e->package ? "<embedded>" : NULL);
        found = true;
    } else {
        const char *dot = strrchr(fullname, '.');
        const char *leaf = dot ? dot + 1 : fullname;
        wk_value pathlist;
        if (parent) pathlist = wk_dict_get_s(MOD(parent)->dict, "__path__");
        else pathlist = wk_sys_module ? wk_dict_get_s(MOD(wk_sys_module)->dict, "path") : WK_NULLV;
        if (!WK_IS_NULL(pathlist)) m = load_from_path(fullname, leaf, pathlist, &found);
    }
    if (!found) {
        wk_raise(wk_exc_ModuleNotFoundError, "No module named '%s'", fullname);
        return NULL;
    }
    if (m && parent) {
        const char *dot = strrchr(fullname, '.');
        if (wk_dict_set_s(MOD(parent)->dict, dot + 1, wk_objv(m)) < 0) { wk_obj_decref(m); return NULL; }
    }
    return m;
}

wk_value wk_import(const char *name) {
    size_t n = strlen(name);
    char *buf = malloc(n + 1);
    if (!buf) return wk_raise_nomem();
    wk_obj *parent = NULL;
    for (size_t i = 0; i <= n; i++) {
        if (name[i] != '.' && name[i] != 0) continue;
        memcpy(buf, name, i);
        buf[i] = 0;
        wk_obj *m = import_one(buf, parent);
        wk_obj_decref(parent);
        if (!m) { free(buf); return WK_NULLV; }
        parent = m;
    }
    free(buf);
    return wk_objv(parent);
}

/* ---------------------------------------------------------------- import statements */

/* Resolves a relative module name against the importing module's package. */
static bool resolve_relative(wk_sbuf *sb, const char *name, wk_obj *globals, int level) {
    wk_value pkg = globals ? wk_dict_get_s(globals, "__package__") : WK_NULLV;
    const char *base = NULL;
    size_t blen = 0;
    if (wk_is_str(pkg) && WK_STR(pkg.u.o)->len > 0) {
        base = wk_str_cstr(pkg);
        blen = strlen(base);
    } else if (globals) {
        wk_value nm = wk_dict_get_s(globals, "__name__");
        if (wk_is_str(nm)) {
            base = wk_str_cstr(nm);
            const char *dot = strrchr(base, '.');
            blen = !WK_IS_NULL(wk_dict_get_s(globals, "__path__")) ? strlen(base) : dot ? (size_t)(dot - base) : 0;
        }
    }
    if (!base || blen == 0) {
        wk_raise(wk_exc_ImportError, "attempted relative import with no known parent package");
        return false;
    }
    for (int i = 1; i < level; i++) {
        while (blen > 0 && base[blen - 1] != '.') blen--;
        if (blen == 0) {
            wk_raise(wk_exc_ImportError, "attempted relative import beyond top-level package");
            return false;
        }
        blen--;
    }
    wk_sbuf_add(sb, base, blen);
    if (*name) wk_sbuf_printf(sb, ".%s", name);
    return true;
}

static bool fromlist_empty(wk_value fromlist) {
    if (WK_IS_NULL(fromlist) || WK_IS_NONE(fromlist)) return true;
    if (wk_is_tuple(fromlist)) return WK_TUPLE(fromlist.u.o)->len == 0;
    if (wk_is_list(fromlist)) return WK_LIST(fromlist.u.o)->len == 0;
    return false;
}

/* For `from pkg import sub`: imports submodules named in fromlist that are not attributes. */
static bool import_fromlist_submodules(wk_value m, const char *fullname, wk_value fromlist) {
    if (WK_IS_NULL(wk_dict_get_s(MOD(m.u.o)->dict, "__path__"))) return true;
    wk_obj *t = wk_sequence_tuple(fromlist);
    if (!t) return false;
    bool ok = true;
    for (int64_t i = 0; ok && i < WK_TUPLE(t)->len; i++) {
        wk_value nm = WK_TUPLE(t)->items[i];
        if (!wk_is_str(nm) || !strcmp(wk_str_cstr(nm), "*")) continue;
        if (!WK_IS_NULL(wk_dict_get_s(MOD(m.u.o)->dict, wk_str_cstr(nm)))) continue;
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        wk_sbuf_printf(&sb, "%s.%s", fullname, wk_str_cstr(nm));
        wk_value sub = wk_import(sb.data);
        if (WK_IS_NULL(sub)) {
            if (wk_err_matches(wk_exc_ModuleNotFoundError)) wk_err_clear();
            else ok = false;
        }
        wk_decref(sub);
        wk_sbuf_free(&sb);
    }
    wk_obj_decref(t);
    return ok;
}

wk_value wk_import_name(wk_obj *name, wk_obj *globals, wk_value fromlist, int level) {
    const char *nm = wk_str_cstr(wk_objv(name));
    wk_sbuf full;
    wk_sbuf_init(&full);
    if (level > 0) {
        if (!resolve_relative(&full, nm, globals, level)) { wk_sbuf_free(&full); return WK_NULLV; }
    } else {
        if (!*nm) {
            wk_sbuf_free(&full);
            return wk_raise(wk_exc_ValueError, "Empty module name");
        }
        wk_sbuf_adds(&full, nm);
    }
    wk_value m = wk_import(full.data);
    if (WK_IS_NULL(m)) { wk_sbuf_free(&full); return m; }
    if (!fromlist_empty(fromlist)) {
        bool ok = import_fromlist_submodules(m, full.data, fromlist);
        wk_sbuf_free(&full);
        if (!ok) { wk_decref(m); return WK_NULLV; }
        return m;
    }
    if (level > 0 || !strchr(nm, '.')) {
        wk_sbuf_free(&full);
        return m;
    }
    wk_decref(m);
    size_t first = (size_t)(strchr(nm, '.') - nm);
    full.data[first] = 0;
    wk_value top = wk_dict_get_s(sys_modules(), full.data);
    wk_sbuf_free(&full);
    if (WK_IS_NULL(top)) return wk_raise(wk_exc_ModuleNotFoundError, "No module named '%.*s'", (int)first, nm);
    return wk_incref(top);
}

wk_value wk_import_from(wk_value module, wk_obj *name) {
    wk_value v = wk_getattr_opt(module, name);
    if (!WK_IS_NULL(v) || wk_err_occurred()) return v;
    const char *mname = "?";
    wk_value file = WK_NULLV;
    if (WK_IS_OBJ(module) && module.u.o->type == &wk_type_module) {
        mname = module_name(module.u.o);
        file = wk_dict_get_s(MOD(module.u.o)->dict, "__file__");
        wk_sbuf sb;
        wk_sbuf_init(&sb);
        wk_sbuf_printf(&sb, "%s.%s", mname, wk_str_cstr(wk_objv(name)));
        wk_value sub = sb.data ? wk_dict_get_s(sys_modules(), sb.data) : WK_NULLV;
        wk_sbuf_free(&sb);
        if (!WK_IS_NULL(sub)) return wk_incref(sub);
    }
    return wk_raise(wk_exc_ImportError, "cannot import name '%s' from '%s' (%s)",
                    wk_str_cstr(wk_objv(name)), mname,
                    wk_is_str(file) ? wk_str_cstr(file) : "unknown location");
}

bool wk_import_star(wk_value module, wk_obj *locals) {
    wk_value all = wk_getattr_opt(module, wk_intern("__all__"));
    if (WK_IS_NULL(all) && wk_err_occurred()) return false;
    bool ok = true;
    if (!WK_IS_NULL(all)) {
        wk_obj *names = wk_sequence_tuple(all);
        wk_decref(all);
        if (!names) return false;
        for (int64_t i = 0; ok && i < WK_TUPLE(names)->len; i++) {
            wk_value nm = WK_TUPLE(names)->items[i];
            wk_value v = wk_is_str(nm) ? wk_getattr(module, nm.u.o) : wk_raise(wk_exc_TypeError,
                         "Item in __all__ must be str, not %s", wk_typename(nm));
            ok = !WK_IS_NULL(v) && wk_setitem(wk_objv(locals), nm, v) == 0;
            wk_decref(v);
        }
        wk_obj_decref(names);
        return ok;
    }
    if (!WK_IS_OBJ(module) || module.u.o->type != &wk_type_module) {
        wk_raise(wk_exc_ImportError, "from-import-* object has no __dict__ and no __all__");
        return false;
    }
    wk_obj *d = MOD(module.u.o)->dict;
    int64_t pos = 0;
    wk_value k, v;
    while (ok && wk_dict_next(d, &pos, &k, &v)) {
        if (wk_is_str(k) && wk_str_cstr(k)[0] != '_') ok = wk_setitem(wk_objv(locals), k, v) == 0;
    }
    return ok;
}
