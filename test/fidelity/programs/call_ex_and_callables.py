# CALL_FUNCTION_EX and callable instances: PyObject_Call hands a tp_call callee (a class, str,
# max, an instance with __call__) the argument tuple and keyword dict as they are, turns a list
# of arguments into a tuple first, and gives a vectorcall callee (a function, through a
# decorator's *args/**kwargs) a names tuple for its keywords; an instance's __call__ reached by
# CALL gets the argument tuple, the keyword dict and the names tuple.
import gc, sys
class Call:
    def __call__(self, a, b=1):
        return a + b
c = Call()
gc.collect()
r = c(1)
x1 = gc.get_count()
r = c(1, b=2)
x2 = gc.get_count()
print(x1, x2)
gc.collect()
r = c(*[1, 2])
x3 = gc.get_count()
r = str(*(5,))
x4 = gc.get_count()
r = max(*[1, 2])
x5 = gc.get_count()
kw = {'b': 3}
gc.collect()
r = c(1, **kw)
x6 = gc.get_count()
class E(Exception): pass
gc.collect()
e = E(*('a', 'b'))
x7 = gc.get_count()
print(x3, x4, x5, x6, x7, e.args)
def f(a, b): return a
gc.collect()
r = f(*(1, 2))
r = f(*[1, 2])
x8 = gc.get_count()
r = f(1, **{'b': 2})
x9 = gc.get_count()
print(x8, x9)
print(sorted([3, 1, 2], key=c), list(map(c, [1, 2])))
import functools
def deco(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper
@deco
def add(a, b=2, *, c=3):
    return a + b + c
gc.collect()
r1 = add(1)
c1 = gc.get_count()
r2 = add(1, 2, c=4)
c2 = gc.get_count()
kw = {'c': 5}
gc.collect()
r3 = add(1, **kw)
c3 = gc.get_count()
args = (1, 2)
r4 = add(*args)
c4 = gc.get_count()
print(r1, r2, r3, r4, c1, c2, c3, c4)
print(add.__name__, add.__wrapped__.__name__, sys.getrefcount(add.__wrapped__))
def f(*a, **k):
    return sys.getrefcount(a), sys.getrefcount(k), len(a), len(k)
gc.collect()
print(f(1, 2, x=3), gc.get_count())
print(f(*[1, 2], **{'y': 1}), gc.get_count())
class C:
    def m(self, *a, **k):
        return len(a) + len(k)
c = C()
gc.collect()
v = c.m(1, k=2)
cc = gc.get_count()
print(v, cc)
