# Identifier forms and soft keywords used as names.
match = 'match is a name'
case = 2
_ = 'underscore'
__dunder_like__ = 3
CamelCase, snake_case, x1, _private = 1, 2, 3, 4
print(match, case, _, __dunder_like__, CamelCase + snake_case + x1 + _private)
type_ = type(1).__name__
print(type_)
def print_(x):
    return 'shadow-free ' + str(x)
print(print_(1))
True_ = False
print(True_, None is None)
lst = [1, 2, 3]
for _ in lst:
    pass
print(_)
class class_:
    pass
print(class_.__name__)
if1 = 'if1'
in_ = 'in_'
print(if1, in_, 'not' + 'in')
