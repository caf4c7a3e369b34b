/* code.h — the bytecode contract between the compiler (compile*.c) and the VM (vm*.c):
 * instruction encoding, the opcode set with exact stack effects, and code objects.
 *
 * Semantics follow CPython 3.10's opcodes of the same name unless a comment below says
 * otherwise. The main departures: one BINARY_OP opcode (3.11 style), 32-bit
 * instructions with a 24-bit argument (no EXTENDED_ARG), absolute jump targets counted
 * in instructions, and a simpler exception-handler protocol (ONE value, the exception
 * object, is pushed when a handler is entered — see "Exceptions" below).
 *
 * Stack notation: [... a b] means b is TOS.
 */
#ifndef WK_CODE_H
#define WK_CODE_H

#include "object.h"

typedef uint32_t wk_instr;
#define WK_OPCODE(i)     ((int)((i) & 0xffu))
#define WK_OPARG(i)      ((int)((i) >> 8))
#define WK_MKINSTR(op, arg) ((wk_instr)(((uint32_t)(arg) << 8) | ((uint32_t)(op) & 0xffu)))
#define WK_MAX_OPARG     0xffffff

#define WK_OPCODES(X) \
    /* --- stack */ \
    X(NOP)              /* */ \
    X(POP_TOP)          /* [a] -> [] */ \
    X(ROT_TWO)          /* [a b] -> [b a] */ \
    X(ROT_THREE)        /* [a b c] -> [c a b] */ \
    X(ROT_FOUR)         /* [a b c d] -> [d a b c] */ \
    X(DUP_TOP)          /* [a] -> [a a] */ \
    X(DUP_TOP_TWO)      /* [a b] -> [a b a b] */ \
    /* --- operators */ \
    X(UNARY_POSITIVE)   /* [a] -> [+a] */ \
    X(UNARY_NEGATIVE)   /* [a] -> [-a] */ \
    X(UNARY_NOT)        /* [a] -> [not a] */ \
    X(UNARY_INVERT)     /* [a] -> [~a] */ \
    X(BINARY_OP)        /* arg: wk_nb_op, | WK_NB_INPLACE for a += b. [a b] -> [a op b] */ \
    X(BINARY_SUBSCR)    /* [a k] -> [a[k]] */ \
    X(STORE_SUBSCR)     /* [v a k] -> []   a[k] = v */ \
    X(DELETE_SUBSCR)    /* [a k] -> []     del a[k] */ \
    X(COMPARE_OP)       /* arg: wk_cmp_op. [a b] -> [a op b] */ \
    X(IS_OP)            /* arg 0: is, 1: is not. [a b] -> [bool] */ \
    X(CONTAINS_OP)      /* arg 0: in, 1: not in. [a b] -> [a in b] */ \
    /* --- building */ \
    X(BUILD_TUPLE)      /* arg n. [x1..xn] -> [(x1..xn)] */ \
    X(BUILD_LIST)       /* arg n */ \
    X(BUILD_SET)        /* arg n */ \
    X(BUILD_MAP)        /* arg n. [k1 v1 .. kn vn] -> [dict] */ \
    X(BUILD_CONST_KEY_MAP) /* arg n. [v1..vn keys_tuple] -> [dict] */ \
    X(BUILD_STRING)     /* arg n. [s1..sn] -> [s1+..+sn] (all str) */ \
    X(BUILD_SLICE)      /* arg 2 or 3. [a b (c)] -> [slice] */ \
    X(LIST_APPEND)      /* arg i. [L(at depth i counted after popping v) .. v] -> [L ..]  L.append(v) */ \
    X(SET_ADD)          /* arg i. as LIST_APPEND */ \
    X(MAP_ADD)          /* arg i. [D .. k v] -> [D ..]  D[k] = v */ \
    X(LIST_EXTEND)      /* arg i. [L .. it] -> [L ..] */ \
    X(SET_UPDATE)       /* arg i */ \
    X(DICT_UPDATE)      /* arg i. [D .. m] -> [D ..]  (TypeError "'int' object is not a mapping") */ \
    X(DICT_MERGE)       /* arg i. as DICT_UPDATE but duplicate keys raise (f(**a, **b)); the \
                           callable for the message sits at depth i+2 */ \
    X(LIST_TO_TUPLE)    /* [L] -> [tuple(L)] */ \
    X(UNPACK_SEQUENCE)  /* arg n. [seq] -> [xn .. x1] (x1 on top) */ \
    X(UNPACK_EX)        /* arg before | after<<8. a, *b, c = seq */ \
    X(FORMAT_VALUE)     /* arg: (conv & 3: 0 none, 1 str, 2 repr, 3 ascii) | 4 if a spec is on \
                           the stack. [v (spec)] -> [formatted str] */ \
    /* --- names. NAME ops use frame locals dict (module/class body), falling back to \
       globals then builtins on load. DEREF index: cellvars first, then freevars. */ \
    X(LOAD_CONST)       /* arg: consts index */ \
    X(LOAD_NAME)        /* arg: names index */ \
    X(STORE_NAME) \
    X(DELETE_NAME) \
    X(LOAD_FAST)        /* arg: varnames index; UnboundLocalError if unset */ \
    X(STORE_FAST) \
    X(DELETE_FAST) \
    X(LOAD_GLOBAL)      /* arg: names index; globals then builtins; NameError */ \
    X(STORE_GLOBAL) \
    X(DELETE_GLOBAL) \
    X(LOAD_DEREF)       /* arg: cell index; NameError "free variable 'x' referenced before \
                           assignment in enclosing scope" / UnboundLocalError for own cells */ \
    X(STORE_DEREF) \
    X(DELETE_DEREF) \
    X(LOAD_CLOSURE)     /* arg: cell index; pushes the cell object itself */ \
    X(LOAD_CLASSDEREF)  /* arg: cell index; class body: locals dict first, then the cell */ \
    X(LOAD_ATTR)        /* arg: names index. [o] -> [o.name] */ \
    X(STORE_ATTR)       /* [v o] -> []  o.name = v */ \
    X(DELETE_ATTR)      /* [o] -> [] */ \
    X(LOAD_METHOD)      /* arg: names index. [o] -> [meth o] (unbound function + self) or \
                           [NULL attr] when o.name is not a plain method */ \
    X(CALL_METHOD)      /* arg n. [meth self a1..an] or [NULL f a1..an] -> [result] */ \
    X(LOAD_BUILD_CLASS) /* [] -> [__build_class__] */ \
    X(LOAD_ASSERTION_ERROR) /* [] -> [AssertionError] */ \
    /* --- calls and functions */ \
    X(CALL_FUNCTION)    /* arg n. [f a1..an] -> [result] */ \
    X(CALL_FUNCTION_KW) /* arg n (positional + keyword values). [f a1..an names_tuple] -> [r] */ \
    X(CALL_FUNCTION_EX) /* arg 1 if kwargs. [f args_tuple (kwargs_dict)] -> [r] */ \
    X(MAKE_FUNCTION)    /* arg flags: 1 defaults tuple, 2 kwdefaults dict, 4 annotations \
                           (ignored, may be a tuple), 8 closure tuple of cells. \
                           [(defaults) (kwdefaults) (annotations) (closure) code qualname] -> [fn] */ \
    X(RETURN_VALUE)     /* [v] -> return v */ \
    X(YIELD_VALUE)      /* [v] -> yield v; on resume [sent] */ \
    X(GET_YIELD_FROM_ITER) /* [x] -> [iter(x)] (generators pass through) */ \
    X(YIELD_FROM)       /* [it v] -> delegate: send v into it, yield its values; when it \
                           finishes [result]. Implemented as in CPython 3.10 (re-executes \
                           itself while delegating). */ \
    /* --- control flow (targets are absolute instruction indices) */ \
    X(JUMP)             /* arg target */ \
    X(POP_JUMP_IF_FALSE) \
    X(POP_JUMP_IF_TRUE) \
    X(JUMP_IF_FALSE_OR_POP) \
    X(JUMP_IF_TRUE_OR_POP) \
    X(GET_ITER)         /* [x] -> [iter(x)] */ \
    X(FOR_ITER)         /* arg target. [it] -> [it next] or, exhausted, [] and jump */ \
    /* --- exceptions: see the protocol below */ \
    X(SETUP_FINALLY)    /* arg handler target. pushes a block {handler, level = stack depth} */ \
    X(POP_BLOCK)        /* pops the innermost block (normal exit from the try body) */ \
    X(POP_EXCEPT)       /* pops an EXCEPT_HANDLER block, restoring the previously handled \
                           exception (sys.exc_info); the value stack is untouched */ \
    X(JUMP_IF_NOT_EXC_MATCH) /* arg target. [exc type] -> [exc]; jump if exc doesn't match \
                           type (a class or a tuple of classes; TypeError "catching classes \
                           that do not inherit from BaseException is not allowed") */ \
    X(RERAISE)          /* [exc] -> re-raise exc without adding a traceback entry */ \
    X(RAISE_VARARGS)    /* arg 0: bare `raise` (re-raise the handled exception, RuntimeError \
                           "No active exception to reraise" if none); 1: [exc]; 2: [exc cause] */ \
    X(SETUP_WITH)       /* arg handler. [mgr] -> [exit enter_result] and pushes a block whose \
                           level is the depth with exit on the stack (exit below the block) */ \
    X(WITH_EXCEPT_START)/* [exit exc] -> [exit exc exit(type(exc), exc, None)] */ \
    /* --- imports */ \
    X(IMPORT_NAME)      /* arg names index. [level fromlist] -> [module] (`import a.b` \
                           pushes a; with a fromlist, pushes a.b) */ \
    X(IMPORT_FROM)      /* arg names index. [m] -> [m m.name] (ImportError "cannot import \
                           name 'x' from 'm' (unknown location)") */ \
    X(IMPORT_STAR)      /* [m] -> []  copies public names into the frame's locals dict */ \
    /* --- interactive */ \
    X(PRINT_EXPR)       /* [v] -> []  calls the VM's display hook (REPL echo, Jupyter \
                           execute_result); None is not displayed */ \
    X(SETUP_ANNOTATIONS)/* creates __annotations__ in a module/class namespace (may be a no-op) */

typedef enum {
#define WK_OP_ENUM(name) WK_OP_##name,
    WK_OPCODES(WK_OP_ENUM)
#undef WK_OP_ENUM
    WK_OP_COUNT
} wk_opcode;

extern const char *const wk_opcode_names[WK_OP_COUNT];

/* Exceptions protocol.
 * - SETUP_FINALLY/SETUP_WITH push a block {handler, level}. Blocks live in the frame
 *   (a small fixed-size block stack; the compiler rejects nesting deeper than
 *   WK_MAX_BLOCKS with SyntaxError "too many statically nested blocks").
 * - When an exception is raised in a frame, the VM records a traceback entry (code,
 *   instruction index) unless the raise came from RERAISE, then pops blocks: an
 *   EXCEPT_HANDLER block restores the exception it saved (like POP_EXCEPT); a
 *   SETUP_FINALLY/SETUP_WITH block stops the search: the value stack is unwound to the
 *   block's level, an EXCEPT_HANDLER block is pushed that saves the currently handled
 *   exception, the handled exception becomes the new one, the exception OBJECT is pushed
 *   (one value) and execution jumps to the handler.
 * - The compiler therefore emits, for `except E as e: body`:
 *       handler: [exc] LOAD E; JUMP_IF_NOT_EXC_MATCH next
 *                [exc] STORE_FAST e (or POP_TOP); body; POP_EXCEPT; (e = None; del e); JUMP end
 *       next:    [exc] ...next clause...; RERAISE when no clause matched
 *   and for `finally`: the body copy on the normal path, and on the handler path
 *   [exc] body; RERAISE. Returns/breaks/continues out of try/with/except blocks emit
 *   POP_BLOCK / POP_EXCEPT (+ the finally body or the __exit__ call) before jumping,
 *   as CPython 3.10's compiler does.
 * - A `with` statement: SETUP_WITH h; <store enter result or POP_TOP>; body; POP_BLOCK;
 *   LOAD_CONST None; DUP_TOP; DUP_TOP; CALL_FUNCTION 3; POP_TOP; JUMP end.
 *   h: [exit exc] WITH_EXCEPT_START; POP_JUMP_IF_TRUE suppress; RERAISE
 *   suppress: [exit exc] POP_TOP; POP_EXCEPT; POP_TOP; end: ...
 * - Exception chaining: when an exception is raised while another is being handled, the
 *   VM sets __context__ (unless it is the same object), as CPython does.
 */
#define WK_MAX_BLOCKS 20

/* Code flags (co_flags) */
#define WK_CO_VARARGS     0x04
#define WK_CO_VARKEYWORDS 0x08
#define WK_CO_NESTED      0x10
#define WK_CO_GENERATOR   0x20
#define WK_CO_NOFREE      0x40

/* Source position of one instruction, for tracebacks (CPython 3.11 carets). */
typedef struct { int32_t lineno, end_lineno, col, end_col; } wk_codepos;

typedef struct wk_code {
    wk_obj ob;
    wk_instr *code;
    int ncode;
    wk_codepos *positions;   /* one per instruction; lineno -1 when unknown */
    wk_obj *consts;          /* tuple */
    wk_obj *names;           /* tuple of str: globals, attributes, imports */
    wk_obj *varnames;        /* tuple of str: arguments first, then locals */
    wk_obj *cellvars;        /* tuple of str */
    wk_obj *freevars;        /* tuple of str */
    int argcount;            /* positional (including positional-only) */
    int posonlyargcount;
    int kwonlyargcount;
    int nlocals;             /* == len(varnames) */
    int stacksize;           /* maximum value-stack depth */
    int flags;
    int firstlineno;
    wk_obj *name;            /* str */
    wk_obj *qualname;        /* str */
    wk_obj *filename;        /* str */
    wk_obj *source;          /* str holding the whole source text (for traceback lines of
                                <stdin>/<string>/REPL cells), or NULL: read the file */
} wk_code;

/* Compiler decisions (compiler, additive; CPython 3.10 conventions unless stated):
 * - positions: col/end_col are 0-based UTF-8 byte offsets (as CPython's co_positions());
 *   a field is -1 when unknown. Artificial instructions copy the previous position.
 * - varnames layout as CPython: positional args (argcount, posonly first), then
 *   kwonlyargcount keyword-only args, then *args if WK_CO_VARARGS, then **kw if
 *   WK_CO_VARKEYWORDS, then other locals.
 * - cells: at frame entry the VM creates a cell for every cellvar (holding the argument
 *   of the same name when the cellvar is a parameter, else empty) and takes the freevar
 *   cells from the function's closure (cell index ncellvars + i). The compiler never
 *   reads such an argument with LOAD_FAST.
 * - consts[0] of a function's code is its docstring (str) or None (lambdas: None), as in
 *   CPython 3.10; MAKE_FUNCTION may take __doc__ from it. Module and class docstrings
 *   are stored by the code itself (STORE_NAME __doc__).
 * - constants: None, bool, int, float, str, bytes, Ellipsis, tuples (of constants; key
 *   tuples for BUILD_CONST_KEY_MAP and CALL_FUNCTION_KW names), code objects, and type
 *   objects (an exception class, see below).
 * - int literals that do not fit 64 bits compile to code that raises at run time:
 *   LOAD_CONST OverflowError; LOAD_CONST "int too large to convert"; CALL_FUNCTION 1;
 *   RAISE_VARARGS 1 (imaginary literals likewise raise NotImplementedError).
 * - code names: module "<module>", lambda "<lambda>", comprehensions "<listcomp>",
 *   "<setcomp>", "<dictcomp>", "<genexpr>"; qualname as CPython ("f.<locals>.g", "C.m").
 * - comprehensions and generator expressions are functions with argcount 1 whose
 *   varnames[0] is ".0": the iterator of the outermost `for`, already made by GET_ITER in
 *   the caller (the generator flag is set for generator expressions).
 * - class bodies: code with argcount 0 run by __build_class__ (func, name, *bases,
 *   **kw) in a fresh namespace dict (NAME ops). The body stores __module__ (from
 *   LOAD_NAME __name__), __qualname__ and __doc__, and returns the __class__ cell when a
 *   method uses super() or __class__ (after also storing it as __classcell__), else None;
 *   __build_class__ must then set that cell to the new class. A function that mentions
 *   `super` or `__class__` has "__class__" among its freevars; zero-argument super()
 *   reads that cell and the frame's first argument (varnames[0], or its cell).
 * - MAKE_FUNCTION flag 4: a tuple (name1, ann1, name2, ann2, ...) as CPython 3.10.
 * - IMPORT_NAME: level is an int, fromlist None or a tuple of str (("*",) for
 *   `from m import *`); names[arg] is "" for `from . import x`.
 * - CALL_FUNCTION_EX always gets an exact tuple and (when arg & 1) a fresh dict built by
 *   BUILD_MAP/DICT_MERGE, so the VM need not convert or copy them.
 * - module code returns None, except in the notebook cell mode of
 *   wk_compile_source_cell (vm.h), where it returns the last expression's value.
 * - annotations as CPython 3.11: a module/class body containing an annotated assignment
 *   starts with SETUP_ANNOTATIONS; `x: T` there stores T (its source text under
 *   `from __future__ import annotations`) into __annotations__ with STORE_SUBSCR.
 */
wk_obj *wk_code_new(void);                /* empty code object, fields filled by the compiler */
/* Source line of instruction i (1-based), -1 if unknown. */
int wk_code_lineno(wk_code *c, int instr);

#endif
