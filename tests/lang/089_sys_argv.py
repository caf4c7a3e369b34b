# sys.argv: the runner passes the fixed arguments "a b c" to every *_argv.py program.
import sys
print(sys.argv)
print(len(sys.argv), sys.argv[1:], sys.argv[0].endswith('089_sys_argv.py'))
for i, arg in enumerate(sys.argv[1:], 1):
    print(i, arg)
