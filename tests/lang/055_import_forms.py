# import statement forms (built-in modules only).
import math
import sys, os
import os.path
import os.path as osp
import random as rnd
from math import sqrt, pi as PI, floor
from os import path
from os.path import join, basename as bn
print(math.sqrt(16), sqrt(2), PI == math.pi, floor(2.7))
print(osp.join('a', 'b'), join('x', 'y'), bn('/p/q.txt'), path.basename('/r/s'))
print(os.path.join('m', 'n'), osp is os.path, path is os.path)
print(rnd.random is not None, type(sys.argv).__name__)
import math as m2
print(m2 is math, m2.floor(-1.5))
def local_import():
    import math as lm
    from math import ceil
    return lm.ceil(1.2), ceil(1.8)
print(local_import())
try:
    import no_such_module_wick
except ModuleNotFoundError as e:
    print('ModuleNotFoundError:', e)
try:
    import no_such_module_wick
except ImportError as e:
    print('ImportError:', type(e).__name__)
try:
    from math import no_such_name
except ImportError as e:
    print('ImportError caught')
print(math.__name__, osp.__name__ in ('posixpath', 'os.path'))
