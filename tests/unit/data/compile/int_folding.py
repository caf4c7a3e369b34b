# int_folding.py — compiler regression program; expected output: the .out file (tests/unit/gen_compile_errors.py).
import sys
print(sys.maxsize == 2 ** 63 - 1, -2**63, -9223372036854775808, 2**62, 7//-2, -7%3, 1<<62, 0xffff_ffff, (-1)**3)
