# After an uncaught exception CPython still finalizes: atexit callbacks, then the exception kept as sys.last_value (and the frames its traceback holds) is dropped, then __main__.
class A:
    def __init__(s, n): s.n = n
    def __del__(self): print("del", self.n)
a = A(1)
def f():
    b = A(2)
    raise ValueError("x")
import atexit
atexit.register(lambda: print("atexit"))
f()
