/* dunders.h — X-list of the special method names the object core dispatches on (used by
 * objimpl.h with WK_DN(id, "text")); order of the operator groups matters. */
#define WK_DNB(op, s) WK_DN(op, "__" s "__") WK_DN(r##op, "__r" s "__") WK_DN(i##op, "__i" s "__")
/* binary operators: same order as wk_nb_op, three ids each (op, rop, iop) */
WK_DNB(add, "add") WK_DNB(sub, "sub") WK_DNB(mul, "mul") WK_DNB(matmul, "matmul")
WK_DNB(truediv, "truediv") WK_DNB(mod, "mod") WK_DNB(pow, "pow") WK_DNB(lshift, "lshift")
WK_DNB(rshift, "rshift") WK_DNB(or, "or") WK_DNB(xor, "xor") WK_DNB(and, "and")
WK_DNB(floordiv, "floordiv")
#undef WK_DNB
/* unary: same order as wk_un_op */
WK_DN(neg, "__neg__") WK_DN(pos, "__pos__") WK_DN(invert, "__invert__")
WK_DN(abs, "__abs__") WK_DN(int, "__int__") WK_DN(float, "__float__")
WK_DN(index, "__index__")
/* comparisons: same order as wk_cmp_op */
WK_DN(lt, "__lt__") WK_DN(le, "__le__") WK_DN(eq, "__eq__") WK_DN(ne, "__ne__")
WK_DN(gt, "__gt__") WK_DN(ge, "__ge__")
/* everything else */
WK_DN(init, "__init__") WK_DN(new, "__new__") WK_DN(repr, "__repr__") WK_DN(str, "__str__")
WK_DN(format, "__format__") WK_DN(hash, "__hash__") WK_DN(bool, "__bool__")
WK_DN(len, "__len__") WK_DN(getitem, "__getitem__") WK_DN(setitem, "__setitem__")
WK_DN(delitem, "__delitem__") WK_DN(contains, "__contains__") WK_DN(iter, "__iter__")
WK_DN(next, "__next__") WK_DN(call, "__call__") WK_DN(getattr, "__getattr__")
WK_DN(getattribute, "__getattribute__") WK_DN(setattr, "__setattr__")
WK_DN(delattr, "__delattr__") WK_DN(get, "__get__") WK_DN(set, "__set__")
WK_DN(delete, "__delete__") WK_DN(dict, "__dict__") WK_DN(doc, "__doc__")
WK_DN(module, "__module__") WK_DN(qualname, "__qualname__") WK_DN(name, "__name__")
WK_DN(classcell, "__classcell__") WK_DN(init_subclass, "__init_subclass__")
WK_DN(class_getitem, "__class_getitem__") WK_DN(set_name, "__set_name__")
WK_DN(class, "__class__") WK_DN(round, "__round__") WK_DN(trunc, "__trunc__")
WK_DN(slots, "__slots__")
