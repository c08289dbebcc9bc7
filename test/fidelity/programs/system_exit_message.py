# sys.exit with a message: printed on stderr, exit status 1, finalizers still run.
import sys, atexit
class A:
    def __del__(self): print("del A")
a = A()
atexit.register(print, "atexit ran")
sys.exit("bye")
