# functools.lru_cache's wrapper as CPython's C type: keys (the argument itself for one exact
# int or str, else tp_call's tuple; keywords and typed make a new tuple), links that are not GC
# objects, the oldest link reused when full, cache_clear, methods bound through __get__, and
# no wrapper frame in a traceback.
import functools, gc, sys, weakref
@functools.lru_cache(maxsize=2)
def f(x, y=0):
    return [x, y]
gc.collect()
a = f(1); b = f(1); c = f(2, y=3); d = f(2, y=3); e = f("s"); g = f((1, 2))
x1 = gc.get_count()
print(a is b, c is d, f.cache_info(), x1, sys.getrefcount(a), sys.getrefcount(c))
print(f.__name__, f.__wrapped__.__name__, f.__module__, f.cache_parameters(), type(f).__name__)
print(sys.getsizeof(f), len(gc.get_referents(f)) > 0, repr(f)[:33])
f.cache_clear()
print(f.cache_info(), sys.getrefcount(a))
@functools.lru_cache(maxsize=None)
def h(n):
    return n * 2
gc.collect()
vals = [h(i) for i in range(5)] + [h(i) for i in range(5)]
x2 = gc.get_count()
print(h.cache_info(), x2)
@functools.cache
def k(n): return [n]
print(k(1) is k(1), k.cache_info())
class C:
    @functools.lru_cache(maxsize=8)
    def m(self, v):
        return v + 1
o = C()
print(o.m(1), o.m(1), C.m.cache_info())
@functools.lru_cache(maxsize=0)
def z(v): return v
print(z(1), z(1), z.cache_info())
@functools.lru_cache(typed=True)
def t(v): return v
print(t(1), t(1.0), t.cache_info())
class Node:
    def __init__(self): self.other = None
@functools.lru_cache(maxsize=None)
def mk(i):
    n = Node(); n.other = n
    return n
mk(1)
w = weakref.ref(mk(1))
mk.cache_clear()
print(w() is None, gc.collect() >= 1, w() is None)
def boom(v):
    raise ValueError(v)
cb = functools.lru_cache()(boom)
try:
    cb(3)
except ValueError as ex:
    print("raised", ex, cb.cache_info())
