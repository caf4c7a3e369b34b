# Uncaught exception class raised without arguments, after some output on both streams.
import sys
print('to stdout')
print('to stderr', file=sys.stderr)
class Stop(Exception):
    pass
def go():
    raise Stop
go()
