# sys.exit(n): the status is n (0 for no argument or None), nothing printed.
import sys
try:
    sys.exit()
except SystemExit as e:
    print("code", e.code)
sys.exit(3)
