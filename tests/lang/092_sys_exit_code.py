# sys.exit(3): exit status 3, nothing after it runs.
import sys
print('before exit')
sys.stdout.flush()
sys.exit(3)
print('never printed')
