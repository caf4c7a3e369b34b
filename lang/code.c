/* code.c — the code object type (wk_type_code): construction, dealloc, repr, co_* attributes, opcode names and line lookup. */
#include <stdlib.h>
#include "code.h"
#include "init.h"

const char *const wk_opcode_names[WK_OP_COUNT] = {
#define WK_OP_NAME_(name) #name,
    WK_OPCODES(WK_OP_NAME_)
#undef WK_OP_NAME_
};

wk_obj *wk_code_new(void)
{
    return wk_obj_alloc(&wk_type_code);
}

int wk_code_lineno(wk_code *c, int instr)
{
    if (!c->positions || instr < 0 || instr >= c->ncode) return -1;
    return c->positions[instr].lineno;
}

static void code_dealloc(wk_obj *o)
{
    wk_code *c = (wk_code *)o;
    free(c->code);
    free(c->positions);
    wk_obj *fields[] = { c->consts, c->names, c->varnames, c->cellvars, c->freevars, c->name,
                         c->qualname, c->filename, c->source };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) wk_obj_decref(fields[i]);
    wk_obj_free(o);
}

static const char *field_cstr(wk_obj *s, const char *dflt)
{
    return s ? wk_str_cstr(wk_objv(s)) : dflt;
}

static wk_value code_repr(wk_value self)
{
    wk_code *c = (wk_code *)self.u.o;
    return wk_str_fromf("<code object %s at %p, file \"%s\", line %d>", field_cstr(c->name, "?"),
                        (void *)c, field_cstr(c->filename, "???"), c->firstlineno);
}

#define CODE(v) ((wk_code *)(v).u.o)
static wk_value objfield(wk_obj *o) { return o ? wk_incref(wk_objv(o)) : WK_NONEV; }
static wk_value co_name(wk_value v) { return objfield(CODE(v)->name); }
static wk_value co_qualname(wk_value v) { return objfield(CODE(v)->qualname); }
static wk_value co_filename(wk_value v) { return objfield(CODE(v)->filename); }
static wk_value co_consts(wk_value v) { return objfield(CODE(v)->consts); }
static wk_value co_names(wk_value v) { return objfield(CODE(v)->names); }
static wk_value co_varnames(wk_value v) { return objfield(CODE(v)->varnames); }
static wk_value co_cellvars(wk_value v) { return objfield(CODE(v)->cellvars); }
static wk_value co_freevars(wk_value v) { return objfield(CODE(v)->freevars); }
static wk_value co_argcount(wk_value v) { return wk_int(CODE(v)->argcount); }
static wk_value co_posonly(wk_value v) { return wk_int(CODE(v)->posonlyargcount); }
static wk_value co_kwonly(wk_value v) { return wk_int(CODE(v)->kwonlyargcount); }
static wk_value co_nlocals(wk_value v) { return wk_int(CODE(v)->nlocals); }
static wk_value co_stacksize(wk_value v) { return wk_int(CODE(v)->stacksize); }
static wk_value co_flags(wk_value v) { return wk_int(CODE(v)->flags); }
static wk_value co_firstlineno(wk_value v) { return wk_int(CODE(v)->firstlineno); }

static const wk_getsetdef code_getsets[] = {
    { "co_name", co_name, NULL, NULL }, { "co_qualname", co_qualname, NULL, NULL },
    { "co_filename", co_filename, NULL, NULL }, { "co_consts", co_consts, NULL, NULL },
    { "co_names", co_names, NULL, NULL }, { "co_varnames", co_varnames, NULL, NULL },
    { "co_cellvars", co_cellvars, NULL, NULL }, { "co_freevars", co_freevars, NULL, NULL },
    { "co_argcount", co_argcount, NULL, NULL }, { "co_posonlyargcount", co_posonly, NULL, NULL },
    { "co_kwonlyargcount", co_kwonly, NULL, NULL }, { "co_nlocals", co_nlocals, NULL, NULL },
    { "co_stacksize", co_stacksize, NULL, NULL }, { "co_flags", co_flags, NULL, NULL },
    { "co_firstlineno", co_firstlineno, NULL, NULL },
    { NULL, NULL, NULL, NULL }
};

wk_type wk_type_code = {
    .ob = { 1, &wk_type_type }, .name = "code", .base = &wk_type_object,
    .basicsize = sizeof(wk_code), .module = "builtins",
    .doc = "Create a code object.  Not for the faint of heart.",
    .dealloc = code_dealloc, .repr = code_repr,
};

bool wk_compiler_types_init(void)
{
    return wk_type_ready(&wk_type_code) && wk_type_add_getsets(&wk_type_code, code_getsets);
}
